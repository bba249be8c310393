import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { CENTRE_NAME, CENTRE_PHONE } from '@/lib/centre';
import { routes } from '@/lib/routes';
import './home.scss';

/** A service that is not ready yet: say so plainly, and how to get help meanwhile. */
export function ComingSoon({ service }: { service?: string }) {
  const news = `${service ? `「${service}」` : '这项'}服务正在准备中，很快就能在这里办理。`;
  return (
    <View className="home-menu">
      <View className="home-greeting" ariaRole="text" ariaLabel={news}>
        {news}
      </View>
      <View className="coming__text">
        现在有需要，可以打电话给{CENTRE_NAME}：<View className="coming__phone">{CENTRE_PHONE}</View>
      </View>
      <BigButton
        id="call-centre"
        label={`打电话 ${CENTRE_PHONE}`}
        onClick={() => Taro.makePhoneCall({ phoneNumber: CENTRE_PHONE }).catch(() => undefined)}
      />
      <BigButton kind="secondary" label="回到首页" onClick={() => Taro.reLaunch({ url: routes.home() })} />
    </View>
  );
}

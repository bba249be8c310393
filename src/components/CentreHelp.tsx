import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CENTRE_NAME, CENTRE_PHONE } from '@/lib/centre';
import { BigButton } from './BigButton';
import './states.scss';

/** The next step when the app cannot help: the centre's phone number, written out and one tap to call. */
export function CentreHelp({ text = '有不明白的地方，可以打电话问中心：' }: { text?: string }) {
  return (
    <View className="state centre-help" ariaRole="region" ariaLabel={`${text}${CENTRE_NAME}，${CENTRE_PHONE}`}>
      <View className="state__hint">
        {text}
        {CENTRE_NAME} {CENTRE_PHONE}
      </View>
      <BigButton
        kind="secondary"
        label={`打电话 ${CENTRE_PHONE}`}
        onClick={() => Taro.makePhoneCall({ phoneNumber: CENTRE_PHONE }).catch(() => undefined)}
      />
    </View>
  );
}

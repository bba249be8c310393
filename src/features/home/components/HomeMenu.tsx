import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EntryTile } from '@/components/EntryTile';
import { useMe } from '@/features/account/api/get-me';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import './home.scss';

const go = (url: string) => () => Taro.navigateTo({ url });

/** The four services, always in the same order, plus 发布通知 for staff. */
export function HomeMenu() {
  const me = useMe();
  return (
    <View className="home-menu">
      <EntryTile
        id="entry-certification"
        title="资格认证"
        description="每年一次，确认养老金照常发放"
        onClick={go(routes.coming('certification'))}
      />
      <EntryTile id="entry-events" title="活动报名" description="中心的课程和活动，在这里报名" onClick={go(routes.coming('events'))} />
      <EntryTile id="entry-policy" title="政策问答" description="退休待遇、医保等常见问题" onClick={go(routes.coming('policy'))} />
      <EntryTile id="entry-notices" title="通知公告" description="中心发布的最新通知" onClick={go(routes.notices())} />
      {isStaff(me.data?.role) ? (
        <EntryTile
          id="entry-staff-notices"
          title="发布通知"
          description="工作人员：写通知、发布和撤下"
          onClick={go(routes.staffNotices())}
        />
      ) : null}
    </View>
  );
}

/** 您好 with the person's name once we know it. */
export function Greeting() {
  const me = useMe();
  const name = me.data?.name;
  return (
    <View className="home-greeting" ariaRole="text" ariaLabel={name ? `${name}，您好` : '您好'}>
      {name ? `${name}，您好！` : '您好！'}欢迎使用温馨退服。
    </View>
  );
}

import type { Me } from '@contract/accounts';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { useMe } from '@/features/account/api/get-me';
import { viaPrivacy } from '@/features/account/components/PrivacyGate';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import './home.scss';

const go = (url: string) => () => Taro.navigateTo({ url });

/**
 * The part of the home page about me: for someone not yet bound, how to bind or help a
 * parent; for a retiree, 我的信息 and family asking to help; for family, the elders they help.
 * Staff have their own entries in the menu. Nothing while we don't yet know who this is.
 */
export function HomeAccount() {
  const me = useMe();
  if (!me.data || isStaff(me.data.role)) return null;
  const data = me.data;
  if (data.retiree) return <RetireePanel me={data} />;
  return <NotBoundPanel me={data} />;
}

function RetireePanel({ me }: { me: Me }) {
  return (
    <View className="home-account" ariaRole="region" ariaLabel="我的信息">
      {me.pendingForMe > 0 ? (
        <View id="home-pending" className="home-account__notice" ariaRole="status">
          <View className="home-account__notice-text">有 {me.pendingForMe} 位家人申请帮您办理，请去看看是否同意。</View>
          <BigButton id="home-pending-open" label="去看看" onClick={go(routes.family())} />
        </View>
      ) : null}
      <BigButton id="entry-mine" kind="secondary" label="我的信息" onClick={go(routes.mine())} />
      <BigButton id="entry-family" kind="secondary" label="家人帮办" onClick={go(routes.family())} />
    </View>
  );
}

function NotBoundPanel({ me }: { me: Me }) {
  const helping = me.helping;
  return (
    <View className="home-account" ariaRole="region" ariaLabel="绑定和家人帮办">
      {helping.length > 0 ? (
        <View id="home-helping" className="home-account__helping">
          <View className="home-account__title">您帮办的长辈</View>
          {helping.map((h) => (
            <View key={h.linkId} id={`home-helping-${h.retireeId}`} className="home-account__elder">
              {h.name}（您是{h.relation}）
            </View>
          ))}
          <BigButton id="entry-family" kind="secondary" label="家人帮办" onClick={go(routes.family())} />
        </View>
      ) : null}
      <View className="home-account__lead">{helping.length > 0 ? '我自己也是退休人员：' : '我是退休人员：'}</View>
      <BigButton
        id="entry-bind"
        kind={helping.length > 0 ? 'secondary' : 'primary'}
        label="绑定我的退休信息"
        onClick={go(viaPrivacy(me.privacyAccepted, routes.bind()))}
      />
      {helping.length > 0 ? null : (
        <>
          <View className="home-account__lead">我是退休人员的子女、亲属：</View>
          <BigButton
            id="entry-family"
            kind="secondary"
            label="帮家里老人办理"
            onClick={go(viaPrivacy(me.privacyAccepted, routes.family()))}
          />
        </>
      )}
      {me.userId ? <BigButton id="entry-mine" kind="secondary" label="我的信息" onClick={go(routes.mine())} /> : null}
    </View>
  );
}

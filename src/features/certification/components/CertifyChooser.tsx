import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import { OtherChannels } from './OtherChannels';
import './certify.scss';

/**
 * 资格认证 without a person chosen: me and each elder I help, one button each; or, for
 * someone not yet bound, how to start (bind, or help a parent) and the other channels.
 */
export function CertifyChooser() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const { retiree, helping, role } = me.data;
  if (isStaff(role)) {
    return (
      <>
        <Callout tone="info">工作人员请用"现场和上门认证"为老人登记认证。</Callout>
        <BigButton id="certify-staff" label="去现场和上门认证" onClick={() => Taro.navigateTo({ url: routes.staffCertify() })} />
      </>
    );
  }
  const go = (id: string) => () => Taro.navigateTo({ url: routes.certify(id) });
  return (
    <View className="certify" id="certify-chooser">
      <View className="certify__text">养老金资格认证每年一次，确认老人健在、养老金照常发放。可以在手机上刷脸，也可以请家人帮忙。</View>
      {retiree ? <BigButton id="certify-choose-self" label="给我自己认证" onClick={go(retiree.id)} /> : null}
      {helping.map((h) => (
        <BigButton
          key={h.retireeId}
          id={`certify-choose-${h.retireeId}`}
          kind="secondary"
          label={`帮${h.name}认证`}
          onClick={go(h.retireeId)}
        />
      ))}
      {!retiree ? (
        <>
          <Callout tone="info" id="certify-not-bound">
            在手机上认证，要先绑定您的退休信息（姓名、身份证号，再收一条短信验证码）。替父母认证，请先在"家人帮办"里关联。
          </Callout>
          <BigButton id="certify-go-bind" label="绑定我的退休信息" onClick={() => Taro.navigateTo({ url: routes.bind() })} />
          <BigButton id="certify-go-family" kind="secondary" label="替家人办理" onClick={() => Taro.navigateTo({ url: routes.family() })} />
        </>
      ) : null}
      <OtherChannels name="您" />
    </View>
  );
}

import type { CertificationStatus } from '@contract/certification';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { useMe } from '@/features/account/api/get-me';
import { routes } from '@/lib/routes';
import { useMyCertification } from '../api/get-status';
import './certification.scss';

/**
 * On the home screen: "what do I need to do now?" for me and for each elder I help, in
 * one plain sentence each. Says nothing until it knows (no flicker of a wrong state).
 */
export function CertificationCards() {
  const me = useMe();
  const role = me.data?.role;
  const relevant = !!me.data && (!!me.data.retiree || me.data.helping.length > 0) && role !== 'staff' && role !== 'admin';
  const query = useMyCertification(relevant);
  if (!relevant || !query.data) return null;
  const { self, elders } = query.data;
  return (
    <View className="cert-cards" ariaRole="region" ariaLabel="资格认证">
      {self ? <Card id="cert-status-self" status={self} title="我的资格认证" action="去认证" /> : null}
      {elders.map((e) => (
        <Card key={e.retireeId} id={`cert-status-${e.retireeId}`} status={e} title={`${e.name}的资格认证`} action={`帮${e.name}认证`} />
      ))}
    </View>
  );
}

function Card({ id, status, title, action }: { id: string; status: CertificationStatus; title: string; action: string }) {
  const urgent = status.state === 'overdue' || status.state === 'suspended' || status.state === 'never';
  const soon = status.state === 'due_soon';
  return (
    <View
      id={id}
      className={`cert-card${urgent ? ' cert-card--urgent' : soon ? ' cert-card--soon' : ''}`}
      ariaRole="status"
      ariaLabel={`${title}：${status.headline}`}
    >
      <View className="cert-card__title">{title}</View>
      <View className="cert-card__headline">{status.headline}</View>
      {status.otherChannels && (urgent || soon) ? (
        <View className="cert-card__note">在境外或持非大陆证件的，请用"中国领事"App 认证，或请家人带材料到社区办理。</View>
      ) : null}
      {urgent || soon ? (
        <BigButton id={`${id}-go`} label={action} onClick={() => Taro.navigateTo({ url: routes.certify(status.retireeId) })} />
      ) : (
        <View
          id={`${id}-details`}
          className="cert-card__link"
          ariaRole="link"
          onClick={() => Taro.navigateTo({ url: routes.certify(status.retireeId) })}
        >
          查看认证记录
        </View>
      )}
    </View>
  );
}

import type { Me } from '@contract/accounts';
import type { OccurrenceView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { LoadingState } from '@/components/LoadingState';
import { viaPrivacy } from '@/features/account/components/PrivacyGate';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import { useMyRegistrations } from '../api/list-my-registrations';
import { availability, movedWords, occurrenceTimeWords, windowWords } from '../eventWords';
import { PersonRegistration, type Registrant } from './PersonRegistration';
import './events.scss';

/** Me (if bound) and each elder I help: the people this phone may register. */
export function registrantsOf(me: Me): Registrant[] {
  const people: Registrant[] = me.retiree ? [{ retireeId: me.retiree.id, name: me.retiree.name, self: true }] : [];
  for (const h of me.helping) people.push({ retireeId: h.retireeId, name: h.name, self: false });
  return people;
}

interface OccurrencePanelProps {
  occurrence: OccurrenceView;
  /** Undefined while we do not yet know who is using the phone. */
  me: Me | undefined;
}

/** The chosen occurrence: when, whether there is room, then one registration block per person I may register. */
export function OccurrencePanel({ occurrence: o, me }: OccurrencePanelProps) {
  const room = availability(o);
  const moved = movedWords(o);
  const people = me && !isStaff(me.role) ? registrantsOf(me) : [];
  // 我的报名 knows whether each registration may still be cancelled (the phone's clock is not trusted).
  const mine = useMyRegistrations(people.length > 0 && o.mine.length > 0);
  return (
    <View id="event-occurrence" className="occ-panel" ariaRole="region" ariaLabel={`报名：${occurrenceTimeWords(o)}`}>
      <View className="occ-panel__title" ariaRole="heading" aria-level="2">
        {occurrenceTimeWords(o)}
      </View>
      <View id="event-room" className={`occ-card__room occ-card__room--${room.tone}`}>
        {room.text}
      </View>
      {moved ? <View className="occ-card__moved">{moved}</View> : null}
      {o.status === 'scheduled' ? (
        <View className="occ-panel__facts">
          <View>
            已报名{o.confirmed}人，共{o.capacity}个名额{o.waiting > 0 ? `，${o.waiting}人在排队候补` : ''}。
          </View>
          {o.window !== 'closed' ? <View>{windowWords(o)}。</View> : null}
        </View>
      ) : null}
      {!me ? <LoadingState message="正在查看您能为谁报名…" /> : null}
      {me && isStaff(me.role) ? <Callout tone="info">这里是老人和家属报名的地方，工作人员账号不能在这里报名。</Callout> : null}
      {me && !isStaff(me.role) && people.length === 0 ? <NotBound me={me} /> : null}
      {people.map((p) => {
        const place = o.mine.find((m) => m.retireeId === p.retireeId);
        const registration = place ? mine.data?.upcoming.find((r) => r.id === place.registrationId) : undefined;
        return <PersonRegistration key={p.retireeId} person={p} occurrence={o} place={place} registration={registration} />;
      })}
    </View>
  );
}

/** Someone neither bound nor helping anyone: how to be able to register. */
function NotBound({ me }: { me: Me }) {
  return (
    <View id="event-not-bound">
      <Callout tone="info">
        在手机上报名，要先绑定您的退休信息（姓名、身份证号，再收一条短信验证码）。替父母报名，请先在"家人帮办"里关联。
      </Callout>
      <BigButton
        id="event-go-bind"
        label="绑定我的退休信息"
        onClick={() => Taro.navigateTo({ url: viaPrivacy(me.privacyAccepted, routes.bind()) })}
      />
      <BigButton
        id="event-go-family"
        kind="secondary"
        label="替家人办理"
        onClick={() => Taro.navigateTo({ url: viaPrivacy(me.privacyAccepted, routes.family()) })}
      />
    </View>
  );
}

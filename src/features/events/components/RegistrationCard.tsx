import type { RegistrationView } from '@contract/events';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BigButton } from '@/components/BigButton';
import { formatMonthDayTime } from '@/lib/dates';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import { cancelDeadlineWords, occurrenceTimeWords, placeWords } from '../eventWords';
import { CancelRegistration } from './CancelRegistration';
import './events.scss';

interface RegistrationCardProps {
  registration: RegistrationView;
  /** My own retiree id: my registrations read 我自己, an elder's their name. */
  myRetireeId: string | null;
  upcoming: boolean;
  onNews: (message: string) => void;
}

/** One registration in 我的报名: whose place, what and when, where they stand; 出示签到码 and 取消 when they apply. */
export function RegistrationCard({ registration: r, myRetireeId, upcoming, onNews }: RegistrationCardProps) {
  const mine = r.retireeId === myRetireeId;
  const who = mine ? '我自己' : r.retireeName;
  const cancelled = r.occurrenceStatus === 'cancelled';
  const status = cancelled ? `这一场已取消${r.cancelReason ? `：${r.cancelReason}` : ''}` : placeWords(r);
  const checkedIn = r.checkedInAt ? `${formatMonthDayTime(r.checkedInAt)} 已签到` : '';
  const id = domId('reg', r.id);
  return (
    <View
      id={id}
      className={`reg-card${cancelled ? ' reg-card--cancelled' : ''}`}
      ariaRole="group"
      ariaLabel={[who, r.title, occurrenceTimeWords(r), r.placeName, status, checkedIn].filter(Boolean).join('，')}
    >
      <View className="reg-card__who">
        <Text className="event-tag">{mine ? '我' : `为${r.retireeName}报名`}</Text>
      </View>
      <View className="reg-card__title">{r.title}</View>
      <View className="occ-card__line">{occurrenceTimeWords(r)}</View>
      <View className="occ-card__line">{r.placeName}</View>
      <View id={`${id}-status`} className={`person-reg__status person-reg__status--${cancelled ? 'cancelled' : r.status}`}>
        {status}
      </View>
      {checkedIn ? <View className="person-reg__hint">{checkedIn}</View> : null}
      {upcoming && !cancelled && r.status === 'confirmed' ? (
        <>
          {r.canCancel ? <View className="person-reg__hint">{cancelDeadlineWords(r.cancelDeadline)}。</View> : null}
          {r.checkedInAt ? null : (
            <BigButton id={`${id}-checkin`} label="出示签到码" onClick={() => Taro.navigateTo({ url: routes.checkinCode(r.id) })} />
          )}
        </>
      ) : null}
      {upcoming ? (
        <CancelRegistration id={`${id}-cancel`} registration={r} whose={mine ? '您' : r.retireeName} onCancelled={onNews} />
      ) : null}
      {upcoming ? (
        <View
          id={`${id}-open`}
          className="reg-card__link"
          ariaRole="link"
          onClick={() => Taro.navigateTo({ url: routes.eventDetail(r.eventId, r.occurrenceId) })}
        >
          查看活动详情
        </View>
      ) : null}
    </View>
  );
}

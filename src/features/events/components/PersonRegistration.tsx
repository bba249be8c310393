import type { MyPlace, OccurrenceView, RegistrationView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ReminderOffer } from '@/features/reminders/components/ReminderOffer';
import { newRequestId } from '@/lib/requestId';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useRegister } from '../api/register';
import { cancelDeadlineWords, isActive, placeWords } from '../eventWords';
import { CancelRegistration } from './CancelRegistration';
import './events.scss';

export interface Registrant {
  retireeId: string;
  name: string;
  /** The person using the phone (bound to this roster entry). */
  self: boolean;
}

interface PersonRegistrationProps {
  person: Registrant;
  occurrence: OccurrenceView;
  /** Where this person stands at the occurrence (from the occurrence's `mine`). */
  place: MyPlace | undefined;
  /** The same registration from 我的报名, which knows whether it may still be cancelled. */
  registration: RegistrationView | undefined;
}

/**
 * One person at the chosen occurrence: 为自己报名 / 为王桂兰报名, or where they stand (已报名,
 * 排队候补第N位, 等待审核) with a way to cancel before the deadline. The server's answer is
 * shown on the page in its own words.
 */
export function PersonRegistration({ person, occurrence: o, place, registration }: PersonRegistrationProps) {
  const register = useRegister();
  // One id per submission: tapping again after an error asks about the same registration.
  const [requestId, setRequestId] = useState(newRequestId);
  const [news, setNews] = useState('');
  // Right after registering, the one moment WeChat lets us ask for a reminder.
  const [offerReminder, setOfferReminder] = useState(false);

  const holding = !!place && isActive(place.status);
  const open = o.status === 'scheduled' && o.eventStatus === 'published' && o.window === 'open';
  const canRegister = !holding && open;
  if (!holding && !canRegister && !news && place?.status !== 'refused') return null;

  const who = person.self ? '我自己' : person.name;
  const label = `为${person.self ? '自己' : person.name}${o.placesLeft > 0 ? '报名' : '排队候补'}`;
  const key = person.retireeId;

  const submit = async () => {
    setNews('');
    try {
      const result = await register.mutateAsync({ occurrenceId: o.id, retireeId: person.retireeId, requestId });
      setNews(result.message);
      setOfferReminder(result.status !== 'refused' && result.status !== 'cancelled');
      setRequestId(newRequestId());
    } catch {
      // shown below (register.isError); the same requestId is kept for the next tap
    }
  };

  return (
    <View id={`person-${key}`} className="person-reg" ariaRole="group" ariaLabel={`${who}${holding ? `，${placeWords(place)}` : ''}`}>
      <View className="person-reg__who">{who}</View>
      {place ? (
        <View id={`person-${key}-status`} className={`person-reg__status person-reg__status--${place.status}`}>
          {placeWords(place)}
        </View>
      ) : null}
      {news ? (
        <Callout tone="done" id={`person-${key}-news`}>
          {news}
        </Callout>
      ) : null}
      {offerReminder && holding ? <ReminderOffer id={`remind-${key}`} purpose="eventReminder" /> : null}
      {register.isError ? (
        <Callout tone="problem" id={`person-${key}-problem`}>
          {messageOf(register.error)}
        </Callout>
      ) : null}
      {canRegister ? (
        <BigButton id={`register-${key}`} label={label} busy={register.isPending} busyLabel="正在报名…" onClick={submit} />
      ) : null}
      {holding && place.status === 'confirmed' ? (
        <>
          {registration?.canCancel ? <View className="person-reg__hint">{cancelDeadlineWords(o.cancelDeadline)}。</View> : null}
          <BigButton
            id={`checkin-${key}`}
            kind="secondary"
            label="出示签到码"
            onClick={() => Taro.navigateTo({ url: routes.checkinCode(place.registrationId) })}
          />
        </>
      ) : null}
      {holding && registration ? (
        <CancelRegistration
          id={`cancel-${key}`}
          registration={registration}
          whose={person.self ? '您' : person.name}
          onCancelled={(message) => {
            register.reset();
            setNews(message);
          }}
        />
      ) : null}
    </View>
  );
}

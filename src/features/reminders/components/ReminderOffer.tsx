import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { subscribe } from '@/services/subscribe';
import { recordSubscriptions, useSubscribeTemplates } from '../api/subscribe';
import './reminders.scss';

type State =
  | { kind: 'offer' }
  | { kind: 'asking' }
  | { kind: 'recording' }
  | { kind: 'done' }
  | { kind: 'declined' }
  /** `accepted`: WeChat said yes but we could not write it down; 再试一次 writes it again without asking again. */
  | { kind: 'problem'; message: string; accepted: string[] | null };

/** The words of each offer: certification (到期前) or an event (活动前一天, or news of a change). */
const WORDS = {
  certReminder: {
    region: '到期提醒',
    text: '需要的话，到期前我们在微信里提醒您（只提醒一次）',
    button: '到期前提醒我',
    done: '好的，到期前我们会在微信里提醒您一次。',
    declined: '好的，不提醒。到期前打开小程序，首页也会告诉您。',
  },
  eventReminder: {
    region: '活动提醒',
    text: '需要的话，活动前一天我们在微信里提醒您；排上候补或活动有变动，也会告诉您（一次）',
    button: '活动前一天提醒我',
    done: '好的，活动前一天会在微信里提醒您。',
    declined: '好的，不提醒。随时可以在“我的报名”里查看。',
  },
} as const;

/**
 * WeChat's one-time subscription for a reminder, asked when the person taps (WeChat allows it
 * only then). Shown in WeChat only, and only when the deployment has the template; saying no is
 * fine and said so.
 */
export function ReminderOffer({ id = 'remind', purpose = 'certReminder' }: { id?: string; purpose?: keyof typeof WORDS }) {
  const words = WORDS[purpose];
  const templates = useSubscribeTemplates(subscribe.available);
  const [state, setState] = useState<State>({ kind: 'offer' });
  // One id per offer: recording again after a dropped answer makes no second grant.
  const [requestId] = useState(newRequestId);
  const templateId = templates.data?.[purpose];
  if (!subscribe.available || !templateId) return null;

  const record = async (accepted: string[]) => {
    setState({ kind: 'recording' });
    try {
      await recordSubscriptions(accepted, requestId);
      setState({ kind: 'done' });
    } catch (e) {
      setState({ kind: 'problem', message: `${messageOf(e)}。请再点一次，不用重新选择。`, accepted });
    }
  };

  // Straight from the tap, nothing awaited first: WeChat shows its question only then.
  const ask = () => {
    setState({ kind: 'asking' });
    void subscribe.request([templateId]).then((answer) => {
      if (!answer.ok) {
        setState({
          kind: 'problem',
          accepted: null,
          message:
            answer.reason === 'switched_off'
              ? '微信里关掉了本小程序的消息。需要提醒的话，请在小程序右上角"···"→"设置"里打开"通知管理"，再点一次。'
              : '这次没能打开微信的提醒，请再点一次。',
        });
        return;
      }
      if (!answer.accepted.length) return setState({ kind: 'declined' });
      return record(answer.accepted);
    });
  };

  if (state.kind === 'done') {
    return (
      <Callout tone="done" id={`${id}-done`}>
        {words.done}
      </Callout>
    );
  }
  if (state.kind === 'declined') {
    return (
      <Callout tone="info" id={`${id}-declined`}>
        {words.declined}
      </Callout>
    );
  }
  const busy = state.kind === 'asking' || state.kind === 'recording';
  return (
    <View className="reminder-offer" ariaRole="region" ariaLabel={words.region}>
      <View className="reminder-offer__text">{words.text}</View>
      {state.kind === 'problem' ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {state.message}
        </Callout>
      ) : null}
      <BigButton
        id={id}
        kind="secondary"
        label={state.kind === 'problem' ? '再试一次' : words.button}
        busy={busy}
        busyLabel="请稍候…"
        onClick={() => (state.kind === 'problem' && state.accepted ? void record(state.accepted) : ask())}
      />
    </View>
  );
}

import type { RegistrationView } from '@contract/events';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { messageOf } from '@/services/cloudError';
import { useCancelRegistration } from '../api/cancel-registration';
import './events.scss';

interface CancelRegistrationProps {
  /** The button is `<id>`; the confirm step's buttons `<id>-confirm` and `<id>-cancel`. */
  id: string;
  registration: RegistrationView;
  /** 您 or the elder's name, for the question. */
  whose: string;
  /** The server's words (已取消报名), for the page to show. */
  onCancelled: (message: string) => void;
}

const WORDS = {
  confirmed: {
    button: '取消报名',
    question: (w: string) => `确定取消${w}的报名吗？`,
    detail: '取消后名额会让给排队的人。以后还想参加，要重新报名，那时可能已经满了。',
  },
  waitlisted: {
    button: '不再排队候补',
    question: (w: string) => `确定不再为${w}排队候补吗？`,
    detail: '取消后就退出候补，有空位时不会再自动补上。',
  },
  pending: { button: '撤回报名', question: (w: string) => `确定撤回${w}的报名吗？`, detail: '撤回后工作人员就不再审核这条报名。' },
} as const;

/**
 * 取消报名 with a second step on the page (never a pop-up). After the cancellation deadline a
 * held place can no longer be given back here: the page says whom to call instead.
 */
export function CancelRegistration({ id, registration: r, whose, onCancelled }: CancelRegistrationProps) {
  const cancel = useCancelRegistration();
  const [asking, setAsking] = useState(false);
  if (r.status !== 'confirmed' && r.status !== 'waitlisted' && r.status !== 'pending') return null;
  if (r.occurrenceStatus === 'cancelled') return null;
  if (!r.canCancel) {
    return r.status === 'confirmed' ? (
      <View id={`${id}-late`} className="person-reg__hint">
        已过取消截止时间。如不能参加，请打电话告诉中心。
      </View>
    ) : null;
  }
  const words = WORDS[r.status];
  // mutateAsync: after the list refreshes this registration may leave the page before a mutate() callback runs.
  const confirm = async () => {
    try {
      const result = await cancel.mutateAsync(r.id);
      setAsking(false);
      onCancelled(result.message);
    } catch {
      // shown below (cancel.isError)
    }
  };
  return (
    <View className="cancel-registration">
      {cancel.isError ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {messageOf(cancel.error)}
        </Callout>
      ) : null}
      {asking ? (
        <ConfirmStep
          id={id}
          message={words.question(whose)}
          detail={words.detail}
          confirmLabel={`确定${words.button}`}
          cancelLabel="不了，保留"
          busy={cancel.isPending}
          onConfirm={confirm}
          onCancel={() => {
            cancel.reset();
            setAsking(false);
          }}
        />
      ) : (
        <BigButton id={id} kind="danger" label={words.button} onClick={() => setAsking(true)} />
      )}
    </View>
  );
}

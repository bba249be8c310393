import { View } from '@tarojs/components';
import { BigButton } from './BigButton';
import './ConfirmStep.scss';

interface ConfirmStepProps {
  /** The buttons are `<id>-confirm` and `<id>-cancel`. */
  id: string;
  /** The question, e.g. 确定要解除绑定吗？ */
  message: string;
  /** What will happen, in a sentence or two. */
  detail?: string;
  confirmLabel: string;
  cancelLabel?: string;
  kind?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The second step before something that cannot be undone, on the page itself rather than in a pop-up. */
export function ConfirmStep({
  id,
  message,
  detail,
  confirmLabel,
  cancelLabel = '不了，返回',
  kind = 'danger',
  busy,
  onConfirm,
  onCancel,
}: ConfirmStepProps) {
  return (
    <View className={`confirm-step confirm-step--${kind}`} ariaRole="alertdialog" ariaLabel={message}>
      <View className="confirm-step__message">{message}</View>
      {detail ? <View className="confirm-step__detail">{detail}</View> : null}
      <BigButton id={`${id}-confirm`} kind={kind} label={confirmLabel} busy={busy} busyLabel="正在办理…" onClick={onConfirm} />
      <BigButton id={`${id}-cancel`} kind="secondary" label={cancelLabel} disabled={busy} onClick={onCancel} />
    </View>
  );
}

import { View } from '@tarojs/components';
import { BigButton } from './BigButton';
import './states.scss';

interface EmptyStateProps {
  message: string;
  /** What the person can do next, in plain words. */
  hint?: string;
  action?: { label: string; onClick: () => void };
}

export function EmptyState({ message, hint, action }: EmptyStateProps) {
  return (
    <View className="state">
      <View className="state__message">{message}</View>
      {hint ? <View className="state__hint">{hint}</View> : null}
      {action ? <BigButton kind="secondary" label={action.label} onClick={action.onClick} /> : null}
    </View>
  );
}

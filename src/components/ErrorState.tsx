import { View } from '@tarojs/components';
import { messageOf } from '@/services/cloudError';
import { BigButton } from './BigButton';
import './states.scss';

interface ErrorStateProps {
  error: unknown;
  onRetry: () => void;
}

/** What went wrong in the server's own Chinese words, and a way to try again. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const message = messageOf(error);
  return (
    <View className="state" ariaRole="alert" ariaLabel={message}>
      <View className="state__message">{message}</View>
      <BigButton label="重试" onClick={onRetry} />
    </View>
  );
}

import { View } from '@tarojs/components';
import './states.scss';

export function LoadingState({ message = '正在加载…' }: { message?: string }) {
  return (
    <View className="state" ariaRole="status" ariaLabel={message}>
      <View className="state__message">{message}</View>
    </View>
  );
}

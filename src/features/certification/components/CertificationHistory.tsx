import { View } from '@tarojs/components';
import { formatDay } from '@/lib/dates';
import { useHistory } from '../api/history';

/** The last certifications: when, how, by whom (quietly says nothing while loading or on error). */
export function CertificationHistory({ retireeId }: { retireeId: string }) {
  const history = useHistory(retireeId);
  if (!history.data) return null;
  return (
    <View id="certify-history" className="certify__history" ariaRole="region" ariaLabel="认证记录">
      <View className="certify__heading">认证记录</View>
      {history.data.length === 0 ? (
        <View className="certify__text">还没有认证记录。</View>
      ) : (
        history.data.map((h) => (
          <View key={h.id} className="certify__history-row">
            {formatDay(h.day)}　{h.methodWords}（{h.byWords}
            {h.place ? `，${h.place}` : ''}）
          </View>
        ))
      )}
    </View>
  );
}

import { View } from '@tarojs/components';
import './staff.scss';

/** One labelled line on a staff card: 所在社区 海沧街道 …. */
export function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View {...(id ? { id } : {})} className="staff-card__row" ariaRole="text" ariaLabel={`${label}：${value}`}>
      <View className="staff-card__label">{label}</View>
      <View className="staff-card__value">{value}</View>
    </View>
  );
}

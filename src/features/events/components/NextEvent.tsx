import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMe } from '@/features/account/api/get-me';
import { isStaff } from '@/features/account/roles';
import { routes } from '@/lib/routes';
import { useMyRegistrations } from '../api/list-my-registrations';
import { occurrenceTimeWords } from '../eventWords';
import './events.scss';

/**
 * On the home screen, under 活动报名: the next event I (or an elder I help) have a place at,
 * in one line; tap it for 我的报名. Nothing when there is none, or while it loads.
 */
export function NextEvent() {
  const me = useMe();
  const relevant = !!me.data && !isStaff(me.data.role) && (!!me.data.retiree || me.data.helping.length > 0);
  const query = useMyRegistrations(relevant);
  const next = query.data?.upcoming.find((r) => r.status === 'confirmed' && r.occurrenceStatus === 'scheduled');
  if (!relevant || !next) return null;
  const whose = next.retireeId === me.data?.retiree?.id ? '' : `（${next.retireeName}）`;
  const text = `下一次活动：${occurrenceTimeWords(next)} ${next.title}${whose}`;
  return (
    <View
      id="home-next-event"
      className="next-event"
      ariaRole="link"
      ariaLabel={`${text}，点这里看我的报名`}
      hoverClass="next-event--pressed"
      onClick={() => Taro.navigateTo({ url: routes.myEvents() })}
    >
      <View className="next-event__text">{text}</View>
      <View className="next-event__link">查看我的报名</View>
    </View>
  );
}

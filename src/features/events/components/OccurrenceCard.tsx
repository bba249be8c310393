import type { OccurrenceView } from '@contract/events';
import { Text, View } from '@tarojs/components';
import { domId } from '@/lib/domId';
import { availability, movedWords, occurrenceTimeWords, placeWords } from '../eventWords';
import './events.scss';

interface OccurrenceCardProps {
  occurrence: OccurrenceView;
  /** My own retiree id, so my place reads "我" rather than my name. */
  myRetireeId: string | null;
  onOpen: (o: OccurrenceView) => void;
  /** The list already says the day above the cards: then only the time. */
  showDate?: boolean;
  /** In a list of one event's occurrences, the chosen one is marked. */
  chosen?: boolean;
}

/** One occurrence in a list: kind, title, time, place, whether there is room, and where my people stand. */
export function OccurrenceCard({ occurrence: o, myRetireeId, onOpen, showDate, chosen }: OccurrenceCardProps) {
  const room = availability(o);
  const moved = movedWords(o);
  const when = showDate ? occurrenceTimeWords(o) : `${o.start}–${o.end}`;
  const mine = o.mine.map((p) => `${p.retireeId === myRetireeId ? '我' : p.retireeName}：${placeWords(p)}`);
  const spoken = [o.kindWords, o.title, when, o.placeName, room.text, moved, ...mine, chosen ? '正在看这一场' : '']
    .filter(Boolean)
    .join('，');
  return (
    <View
      id={domId('occ', o.id)}
      data-testid={domId('occ', o.id)}
      className={`occ-card occ-card--${room.tone}${chosen ? ' occ-card--chosen' : ''}`}
      ariaRole="link"
      ariaLabel={spoken}
      hoverClass="occ-card--pressed"
      onClick={() => onOpen(o)}
    >
      <View className="occ-card__tags">
        <Text className="event-tag">{o.kindWords}</Text>
        {o.needsApproval ? <Text className="event-tag event-tag--quiet">需审核</Text> : null}
        {chosen ? <Text className="event-tag event-tag--chosen">正在看这一场</Text> : null}
      </View>
      <View className="occ-card__title">{o.title}</View>
      <View className="occ-card__line">
        {when}　{o.placeName}
      </View>
      <View className={`occ-card__room occ-card__room--${room.tone}`}>{room.text}</View>
      {moved ? <View className="occ-card__moved">{moved}</View> : null}
      {mine.map((line) => (
        <View key={line} className="occ-card__mine">
          {line}
        </View>
      ))}
    </View>
  );
}

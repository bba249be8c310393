import type { EventView } from '@contract/events';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { openMap } from '@/services/openMap';
import { ageWords } from '../eventWords';
import './events.scss';

/** What the event is: kind, title, the organiser's description, when it repeats, where, who may come. */
export function EventAbout({ event, coverUrl }: { event: EventView; coverUrl?: string | null }) {
  const paragraphs = event.description.split(/\n+/).filter((p) => p.trim() !== '');
  const ages = ageWords(event);
  return (
    <View id="event-about" className="event-about" ariaRole="article" ariaLabel={`${event.kindWords}，${event.title}`}>
      {coverUrl ? (
        <Image id="event-cover" className="event-about__cover" src={coverUrl} mode="widthFix" ariaLabel={`${event.title}的图片`} />
      ) : null}
      <View className="occ-card__tags">
        <Text className="event-tag">{event.kindWords}</Text>
        {event.needsApproval ? <Text className="event-tag event-tag--quiet">需审核</Text> : null}
      </View>
      <View className="event-about__title" ariaRole="heading" aria-level="2">
        {event.title}
      </View>
      {event.status === 'ended' ? <Callout tone="info">这个活动已经结束了，不再接受报名。</Callout> : null}
      {paragraphs.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text never reorder
        <View key={i} className="event-about__paragraph">
          <Text userSelect>{text}</Text>
        </View>
      ))}
      <Fact name="时间" value={event.scheduleWords} />
      <Fact name="名额" value={`每场${event.capacity}人`} />
      {ages ? <Fact name="年龄" value={ages} /> : null}
      {event.needsApproval ? <Fact name="审核" value="报名后由工作人员审核，审核通过才算报上名，结果会通知您。" /> : null}
      <PlaceFact event={event} />
    </View>
  );
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <View className="event-fact" ariaRole="text" ariaLabel={`${name}：${value}`}>
      <Text className="event-fact__name">{name}</Text>
      <Text className="event-fact__value">{value}</Text>
    </View>
  );
}

/** The place and its address in words; with coordinates, a button to see it on a map. */
function PlaceFact({ event }: { event: EventView }) {
  const { place } = event;
  const [problem, setProblem] = useState('');
  const { latitude, longitude } = place;
  return (
    <View id="event-place">
      <Fact name="地点" value={`${place.name}（${place.address}）`} />
      {latitude != null && longitude != null ? (
        <>
          {problem ? <Callout tone="problem">{problem}</Callout> : null}
          <BigButton
            id="event-map"
            kind="secondary"
            label="在地图上看位置"
            onClick={() => {
              setProblem('');
              openMap({ name: place.name, address: place.address, latitude, longitude }).catch((e: Error) => setProblem(e.message));
            }}
          />
        </>
      ) : null}
    </View>
  );
}

import type { OccurrenceView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Callout } from '@/components/Callout';
import { CentreHelp } from '@/components/CentreHelp';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { routes } from '@/lib/routes';
import { CloudCallError } from '@/services/cloudError';
import { useEventDetail } from '../api/get-event';
import { EventAbout } from './EventAbout';
import { OccurrenceCard } from './OccurrenceCard';
import { OccurrencePanel } from './OccurrencePanel';
import './events.scss';

/** How many other occurrences to offer under the chosen one. */
const OTHERS_SHOWN = 6;

function EventMissing() {
  return (
    <EmptyState
      message="没有找到这个活动"
      hint="它可能已经撤下了。可以回到活动列表看看别的活动。"
      action={{ label: '回到活动列表', onClick: () => Taro.redirectTo({ url: routes.events() }) }}
    />
  );
}

/** The occurrence asked for; else the first one open for registration; else the first coming one. */
function chooseOccurrence(list: OccurrenceView[], wanted: string): OccurrenceView | undefined {
  return (
    list.find((o) => o.id === wanted) ??
    list.find((o) => o.status === 'scheduled' && o.window === 'open') ??
    list.find((o) => o.status === 'scheduled')
  );
}

/** One event: what it is, the chosen occurrence with registration for me and my elders, then its other coming occurrences. */
export function EventDetailView({ eventId, occurrenceId }: { eventId: string; occurrenceId: string }) {
  const me = useMe();
  const detail = useEventDetail(eventId);
  if (!eventId) return <EventMissing />;
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    if (detail.error instanceof CloudCallError && detail.error.code === 'NOT_FOUND') return <EventMissing />;
    return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  }

  const { event, occurrences, coverUrl } = detail.data;
  const chosen = chooseOccurrence(occurrences, occurrenceId);
  const others = occurrences.filter((o) => o.id !== chosen?.id && o.status === 'scheduled').slice(0, OTHERS_SHOWN);
  const myRetireeId = me.data?.retiree?.id ?? null;
  return (
    <View className="event-detail">
      <EventAbout event={event} coverUrl={coverUrl} />
      {occurrenceId && chosen && chosen.id !== occurrenceId ? (
        <Callout tone="info" id="event-past">
          您点的那一场已经过去了（或者离现在太远，这里还看不到），下面是最近的一场。
        </Callout>
      ) : null}
      {chosen ? (
        <OccurrencePanel occurrence={chosen} me={me.data} />
      ) : (
        <Callout tone="info" id="event-no-occurrence">
          这个活动近期没有安排，请过些天再来看看。
        </Callout>
      )}
      {others.length > 0 ? (
        <View className="event-others" ariaRole="region" ariaLabel="其他场次">
          <View className="event-others__title" ariaRole="heading" aria-level="2">
            其他场次
          </View>
          {others.map((o) => (
            <OccurrenceCard
              key={o.id}
              occurrence={o}
              myRetireeId={myRetireeId}
              showDate
              onOpen={() => Taro.redirectTo({ url: routes.eventDetail(event.id, o.id) })}
            />
          ))}
        </View>
      ) : null}
      <CentreHelp text="对活动有疑问，可以打电话问中心：" />
    </View>
  );
}

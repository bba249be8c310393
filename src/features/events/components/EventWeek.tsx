import { EVENT_KINDS, type EventKind, type OccurrenceView } from '@contract/events';
import { addDays } from '@contract/recurrence';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { type Choice, Choices } from '@/components/Choices';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { formatDayWithWeekday } from '@/lib/dates';
import { routes } from '@/lib/routes';
import { useWeek } from '../api/get-week';
import { OccurrenceCard } from './OccurrenceCard';
import './events.scss';

type KindChoice = EventKind | 'all';

const KIND_OPTIONS: ReadonlyArray<Choice<KindChoice>> = [
  { value: 'all', label: '全部', key: 'all' },
  ...(Object.entries(EVENT_KINDS) as Array<[EventKind, string]>).map(([value, label]) => ({ value, label, key: value })),
];

const openOccurrence = (o: OccurrenceView) => Taro.navigateTo({ url: routes.eventDetail(o.eventId, o.id) });

/** '11月23日' from '2026-11-23'. */
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 本周 / 上一周 / 下一周 / nothing, counted from this week as the server knows it. */
function weekName(monday: string, thisMonday: string | null): string {
  if (!thisMonday) return '';
  if (monday === thisMonday) return '本周';
  if (monday === addDays(thisMonday, 7)) return '下一周';
  if (monday === addDays(thisMonday, -7)) return '上一周';
  return '';
}

/**
 * 活动: one week at a time (this week first), day by day, each occurrence with whether there
 * is room; a kind to narrow it; 上一周 / 下一周. Tap an occurrence to read about it and register.
 */
export function EventWeek() {
  const me = useMe();
  const [monday, setMonday] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<KindChoice>('all');
  // "This week" is the server's: the phone's clock may be wrong.
  const [thisMonday, setThisMonday] = useState<string | null>(null);
  const week = useWeek(monday, kind === 'all' ? undefined : kind);

  const answeredThisWeek = !monday && !week.isPlaceholderData ? week.data?.monday : undefined;
  useEffect(() => {
    if (answeredThisWeek) setThisMonday(answeredThisWeek);
  }, [answeredThisWeek]);

  const canHaveRegistrations = !!me.data && (!!me.data.retiree || me.data.helping.length > 0);
  const myRetireeId = me.data?.retiree?.id ?? null;

  return (
    <View className="events">
      {canHaveRegistrations ? (
        <BigButton id="events-mine" kind="secondary" label="我的报名" onClick={() => Taro.navigateTo({ url: routes.myEvents() })} />
      ) : null}
      {week.isPending ? <LoadingState /> : null}
      {week.isError ? <ErrorState error={week.error} onRetry={() => week.refetch()} /> : null}
      {week.data ? (
        <>
          <WeekBar
            monday={week.data.monday}
            sunday={week.data.sunday}
            name={weekName(week.data.monday, thisMonday)}
            loading={week.isPlaceholderData}
            onMove={(days) => setMonday(addDays(week.data.monday, days))}
            onThisWeek={monday ? () => setMonday(undefined) : undefined}
          />
          <Choices id="events-kind" label="活动类别" options={KIND_OPTIONS} selected={[kind]} onToggle={setKind} />
          <WeekDays occurrences={week.data.occurrences} kind={kind} myRetireeId={myRetireeId} />
        </>
      ) : null}
    </View>
  );
}

interface WeekBarProps {
  monday: string;
  sunday: string;
  name: string;
  loading: boolean;
  onMove: (days: number) => void;
  /** Shown when another week is on screen. */
  onThisWeek?: () => void;
}

function WeekBar({ monday, sunday, name, loading, onMove, onThisWeek }: WeekBarProps) {
  const range = `${monthDay(monday)}至${monthDay(sunday)}`;
  return (
    <View className="week-bar" ariaRole="region" ariaLabel={`${name ? `${name}，` : ''}${range}`}>
      <View id="events-week" className="week-bar__title">
        {name ? `${name}　` : ''}
        {range}
      </View>
      {loading ? <View className="week-bar__loading">正在加载…</View> : null}
      <View className="week-bar__buttons">
        <View className="week-bar__button">
          <BigButton id="events-prev" kind="secondary" label="上一周" onClick={() => onMove(-7)} />
        </View>
        <View className="week-bar__button">
          <BigButton id="events-next" kind="secondary" label="下一周" onClick={() => onMove(7)} />
        </View>
      </View>
      {onThisWeek ? <BigButton id="events-this-week" kind="secondary" label="回到本周" onClick={onThisWeek} /> : null}
    </View>
  );
}

function WeekDays({ occurrences, kind, myRetireeId }: { occurrences: OccurrenceView[]; kind: KindChoice; myRetireeId: string | null }) {
  if (occurrences.length === 0) {
    const what = kind === 'all' ? '活动' : `"${EVENT_KINDS[kind]}"`;
    return (
      <View id="events-empty">
        <EmptyState message={`这一周没有${what}`} hint={'可以点"下一周"看看后面的安排，或换一个活动类别。'} />
      </View>
    );
  }
  const days: Array<{ date: string; list: OccurrenceView[] }> = [];
  for (const o of occurrences) {
    const last = days[days.length - 1];
    if (last?.date === o.date) last.list.push(o);
    else days.push({ date: o.date, list: [o] });
  }
  return (
    <View className="week-days">
      {days.map((d) => (
        <View key={d.date} id={`events-day-${d.date}`} className="week-day" ariaRole="region" ariaLabel={formatDayWithWeekday(d.date)}>
          <View className="week-day__title" ariaRole="heading" aria-level="2">
            {formatDayWithWeekday(d.date)}
          </View>
          {d.list.map((o) => (
            <OccurrenceCard key={o.id} occurrence={o} myRetireeId={myRetireeId} onOpen={openOccurrence} />
          ))}
        </View>
      ))}
    </View>
  );
}

import type { EventStats } from '@contract/events';
import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { Choices } from '@/components/Choices';
import { type DataColumn, DataTable } from '@/components/DataTable';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { BarChart } from '@/services/barChart';
import { useEventStats } from '../api/get-stats';
import { rateText } from '../words';
import { AttendanceExport } from './AttendanceExport';
import './eventsStaff.scss';

/**
 * Staff: 活动统计 for a year — person-times (one person at one occurrence), different people,
 * the regulars; then by kind, by month (a bar per month, the number always written) and per
 * event the attendance rate, with that event's sign-in records as a file.
 */
export function EventStatsView() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const stats = useEventStats(year);
  // "This year" is the server's (the first answer, asked without a year): the phone's clock may be off.
  const thisYear = useRef<number | null>(null);
  if (year === undefined && stats.data) thisYear.current = stats.data.year;
  if (stats.isPending) return <LoadingState message="正在统计…" />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  const current = thisYear.current ?? s.year;
  const years = [current, current - 1];
  return (
    <View className="events-staff">
      <Choices
        id="event-stats-year"
        label="看哪一年"
        options={years.map((y) => ({ value: String(y), label: `${y}年`, key: String(y) }))}
        selected={[String(s.year)]}
        onToggle={(v) => setYear(Number(v))}
      />
      <Summary stats={s} />
      {s.total.personTimes === 0 && s.byEvent.length === 0 ? (
        <EmptyState message={`${s.year}年还没有签到记录`} hint="活动当天在「签到」里扫码或输入签到码，这里就会有数字。" />
      ) : (
        <>
          <KindTable stats={s} />
          <Months stats={s} />
          <EventTable stats={s} />
        </>
      )}
    </View>
  );
}

function Summary({ stats }: { stats: EventStats }) {
  const t = stats.total;
  return (
    <View className="events-staff__summary" id="event-stats-summary">
      <View className="events-staff__heading" id="event-stats-person-times">
        {stats.year}年共 {t.personTimes} 人次参加活动
      </View>
      <View className="events-staff__text">
        参加过的老人 {t.participants} 位；举办了 {t.events} 个活动、{t.occurrences} 场。一位老人参加一场算一人次。
      </View>
      <View className="events-staff__text events-staff__strong" id="event-stats-regulars">
        常来的人（一年里签到 {stats.regularMin} 次及以上）：{t.regulars} 位
      </View>
    </View>
  );
}

const count = <R,>(header: string, unit: string, pick: (r: R) => number): DataColumn<R> => ({
  header,
  value: (r) => String(pick(r)),
  spoken: (r) => `${header}${pick(r)}${unit}`,
  sortBy: pick,
});

type KindRow = EventStats['byKind'][number];

function KindTable({ stats }: { stats: EventStats }) {
  const columns: DataColumn<KindRow>[] = [
    count('活动数', '个', (r) => r.events),
    count('场次', '场', (r) => r.occurrences),
    count('人次', '人次', (r) => r.personTimes),
    count('人数', '人', (r) => r.participants),
  ];
  return (
    <DataTable
      id="event-stats-kinds"
      title="按类别"
      nameHeader="类别"
      rows={stats.byKind.map((r) => ({ key: r.kind, name: r.kindWords, row: r }))}
      columns={columns}
    />
  );
}

/** In the browser console, a chart (ECharts, each bar's number written on it); on a phone, written bars. */
function Months({ stats }: { stats: EventStats }) {
  if (!BarChart) return <MonthBars stats={stats} />;
  return (
    <View id="event-stats-months">
      <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
        按月份（人次）
      </View>
      <BarChart
        id="event-stats-month-chart"
        title={`${stats.year}年按月份的参加人次`}
        categories={stats.byMonth.map((m) => `${m.month}月`)}
        series={[{ name: '人次', values: stats.byMonth.map((m) => m.personTimes) }]}
        unit="人次"
      />
    </View>
  );
}

function MonthBars({ stats }: { stats: EventStats }) {
  const most = Math.max(1, ...stats.byMonth.map((m) => m.personTimes));
  return (
    <View id="event-stats-months">
      <View className="events-staff__section-title" ariaRole="heading" aria-level="2">
        按月份（人次）
      </View>
      {stats.byMonth.map((m) => (
        <View
          key={m.month}
          id={`event-stats-month-${m.month}`}
          className="events-staff__bar-row"
          ariaRole="text"
          ariaLabel={`${m.month}月，${m.personTimes}人次，${m.occurrences}场`}
        >
          <View className="events-staff__bar-month">{m.month}月</View>
          <View className="events-staff__bar-track">
            <View className="events-staff__bar" style={{ width: `${(m.personTimes / most) * 100}%` }} />
          </View>
          <View className="events-staff__bar-value">{m.personTimes} 人次</View>
        </View>
      ))}
    </View>
  );
}

type EventRow = EventStats['byEvent'][number];

/**
 * Per event: occurrences held, places taken, check-ins and the rate; each row's 导出 makes that
 * event's sign-in sheet (every occurrence in one file), offered below the table to download.
 */
function EventTable({ stats }: { stats: EventStats }) {
  const [chosen, setChosen] = useState<EventRow | null>(null);
  const columns: DataColumn<EventRow>[] = [
    { header: '类别', value: (r) => r.kindWords, spoken: (r) => r.kindWords, sortBy: (r) => r.kindWords },
    count('场次', '场', (r) => r.occurrences),
    count('报名', '人次', (r) => r.registered),
    count('签到', '人次', (r) => r.checkedIn),
    {
      header: '签到率',
      value: (r) => rateText(r.rate),
      spoken: (r) => (r.rate == null ? '没有人报名' : `签到率${rateText(r.rate)}`),
      sortBy: (r) => r.rate ?? -1,
    },
    {
      header: '签到表',
      value: () => '导出',
      spoken: (r) => `导出${r.title}的签到表`,
      cell: (r) => <SmallButton id={domId('event-stats-export', r.eventId)} label="导出" onClick={() => setChosen(r)} />,
    },
  ];
  return (
    <View>
      <DataTable
        id="event-stats-events"
        title="各活动的签到率（签到 ÷ 报名）"
        nameHeader="活动"
        rows={stats.byEvent.map((r) => ({ key: r.eventId, name: r.title, row: r }))}
        columns={columns}
      />
      {chosen ? (
        <View id="event-stats-export" className="events-staff__group">
          <View className="events-staff__heading">「{chosen.title}」的签到表</View>
          <View className="events-staff__text events-staff__muted">每一场的报名和签到都在这一个文件里。</View>
          {/* A different event is a different export: a fresh one (and request id). */}
          <AttendanceExport key={chosen.eventId} id="event-stats-export" target={{ eventId: chosen.eventId }} label="生成签到表" />
        </View>
      ) : null}
    </View>
  );
}

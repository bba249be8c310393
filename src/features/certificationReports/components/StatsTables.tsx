import { STREETS } from '@contract/accounts';
import { type CertificationStats, STAT_METHOD_WORDS, STAT_METHODS, type StatsRow } from '@contract/certificationReports';
import { View } from '@tarojs/components';
import { type DataColumn, type DataRow, DataTable } from '@/components/DataTable';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDay } from '@/lib/dates';
import { BarChart } from '@/services/barChart';
import { type Street, useCertificationStats } from '../api/get-stats';

/** 63.18 → "63.18%": always two decimals, as the figure is quoted. */
export const percentText = (n: number) => `${n.toFixed(2)}%`;

type Column = DataColumn<StatsRow>;

const people = (header: string, pick: (row: StatsRow) => number): Column => ({
  header,
  value: (row) => String(pick(row)),
  spoken: (row) => `${header}${pick(row)}人`,
  sortBy: pick,
});

const PROGRESS: Column[] = [
  people('本期应认证', (r) => r.due),
  people('已认证', (r) => r.certified),
  {
    header: '大数据比对占比',
    value: (r) => percentText(r.dataSharePercent),
    spoken: (r) => `大数据比对占${percentText(r.dataSharePercent)}`,
    sortBy: (r) => r.dataSharePercent,
  },
  people('即将到期', (r) => r.dueSoon),
  people('已过期', (r) => r.overdue),
  people('暂停发放', (r) => r.suspended),
  people('恢复发放', (r) => r.restored),
  people('从未认证', (r) => r.never),
];

const METHODS: Column[] = [
  ...STAT_METHODS.map((m) => people(STAT_METHOD_WORDS[m], (r) => r.byMethod[m])),
  people('合计', (r) => r.certified),
];

/** A row's id: its street's place in the district's list (stable, and fine in a wxml id). */
const rowKey = (street: string, index: number) => {
  const at = STREETS.indexOf(street as Street);
  return at >= 0 ? String(at) : `x${index}`;
};

/**
 * The statistics as two plain tables, one row per street and a total: where this cycle
 * stands, then how people were certified. States (due soon, overdue, suspended, restored)
 * are those of the daily run, whose date is said above the tables.
 */
export function StatsTables({ street }: { street?: Street }) {
  const stats = useCertificationStats(street);
  if (stats.isPending) return <LoadingState message="正在统计…" />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  if (s.totals.due === 0) {
    return <EmptyState message="名单上还没有需要认证的人" hint="先在「导入退休人员名单」里导入名单，这里就会有数字。" />;
  }
  return (
    <View className="cert-reports__block">
      <Summary stats={s} />
      {BarChart ? (
        <View className="cert-reports__chart">
          <View className="cert-reports__heading" ariaRole="heading" aria-level="2">
            已认证的人是怎么认证的（按街道）
          </View>
          <BarChart
            id="stats-chart-methods"
            title="已认证的人是怎么认证的（按街道）"
            categories={s.byStreet.map((r) => r.street)}
            series={STAT_METHODS.map((m) => ({ name: STAT_METHOD_WORDS[m], values: s.byStreet.map((r) => r.byMethod[m]) }))}
            stacked
            unit="人"
          />
        </View>
      ) : null}
      <Table id="stats-table" title="认证情况（按街道）" stats={s} columns={PROGRESS} />
      <Table id="stats-methods" title="已认证的人是怎么认证的（按街道）" stats={s} columns={METHODS} />
    </View>
  );
}

function Summary({ stats }: { stats: CertificationStats }) {
  const t = stats.totals;
  return (
    <View id="stats-summary" className="cert-reports__summary">
      <View className="cert-reports__text">本期：{stats.cycle.words}</View>
      <View className="cert-reports__text cert-reports__strong">
        应认证 {t.due} 人，已认证 {t.certified} 人；其中大数据比对 {t.byMethod.data} 人，占 {percentText(t.dataSharePercent)}。
      </View>
      <View id="stats-as-of" className="cert-reports__text cert-reports__muted">
        {stats.statesAsOf
          ? `即将到期、已过期、暂停和恢复发放的人数，是${formatDay(stats.statesAsOf)}的自动任务算出的。`
          : '自动任务还没有运行过：即将到期、已过期、暂停和恢复发放的人数，要等它运行后才准。'}
      </View>
    </View>
  );
}

function Table({ id, title, stats, columns }: { id: string; title: string; stats: CertificationStats; columns: Column[] }) {
  const rows: DataRow<StatsRow>[] = stats.byStreet.map((row, i) => ({ key: rowKey(row.street, i), name: row.street, row }));
  return (
    <DataTable
      id={id}
      title={title}
      nameHeader="街道"
      columns={columns}
      rows={rows}
      total={rows.length > 1 ? { key: 'total', name: '合计', row: stats.totals } : undefined}
    />
  );
}

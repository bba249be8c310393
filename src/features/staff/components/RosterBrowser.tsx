import { type RetireeSummary, ROSTER_PAGE_SIZE, type RosterSort, STREETS } from '@contract/accounts';
import { CERT_STATE_WORDS, CERT_STATES, type CertificationState } from '@contract/certification';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { type Choice, Choices } from '@/components/Choices';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { formatChineseDate } from '@/lib/dates';
import type { RosterFilter } from '../api/keys';
import { useRoster } from '../api/list-roster';
import { RevealNumber } from './RevealNumber';
import { Row } from './StaffRow';
import './staff.scss';

const STATE_CHOICES: ReadonlyArray<Choice<CertificationState | ''>> = [
  { value: '', label: '全部', key: 'all' },
  ...CERT_STATES.filter((s) => s !== 'overdue').map((s) => ({ value: s, label: CERT_STATE_WORDS[s], key: s })),
];
const SORT_CHOICES: ReadonlyArray<Choice<RosterSort>> = [
  { value: 'name', label: '按街道和姓名', key: 'name' },
  { value: 'certifiedLongAgo', label: '最久没认证的在前', key: 'certifiedLongAgo' },
  { value: 'certifiedRecently', label: '最近认证的在前', key: 'certifiedRecently' },
];

/**
 * Staff: the roster in my streets, filtered by street, name and certification state, sorted by
 * name or by the last certification, a page at a time, numbers masked. The filters apply with
 * 查找; a new order applies at once, from the first page.
 */
export function RosterBrowser() {
  const me = useMe();
  const [street, setStreet] = useState('');
  const [name, setName] = useState('');
  const [state, setState] = useState<CertificationState | ''>('');
  const [filter, setFilter] = useState<RosterFilter>({});
  const [page, setPage] = useState(1);
  const roster = useRoster(filter, page);

  const scope = me.data?.streets;
  const streets: readonly string[] = scope === 'all' || !scope ? STREETS : scope;
  const streetChoices = [
    { value: '', label: '全部', key: 'all' },
    ...streets.map((s) => ({ value: s, label: s, key: String(STREETS.indexOf(s as (typeof STREETS)[number])) })),
  ];

  const search = () => {
    const next: RosterFilter = {};
    if (street) next.street = street as RosterFilter['street'];
    if (name.trim()) next.name = name.trim();
    if (state) next.state = state;
    if (filter.sort) next.sort = filter.sort;
    setFilter(next);
    setPage(1);
  };
  const sortBy = (sort: RosterSort) => {
    setFilter({ ...filter, sort });
    setPage(1);
  };

  return (
    <View className="staff-desk">
      <View className="staff-filters" ariaRole="search" ariaLabel="查找退休人员">
        <Choices id="roster-street" label="街道" options={streetChoices} selected={[street]} onToggle={setStreet} />
        <Field id="roster-name" label="姓名" hint="可以只填姓，或名字的前几个字" value={name} onInput={setName} maxlength={20} />
        <Choices id="roster-state" label="认证情况（按最近一次自动任务）" options={STATE_CHOICES} selected={[state]} onToggle={setState} />
        <BigButton id="roster-search" label="查找" onClick={search} />
      </View>
      <Choices id="roster-sort" label="排列顺序" options={SORT_CHOICES} selected={[filter.sort ?? 'name']} onToggle={sortBy} />
      <RosterPage query={roster} page={page} onPage={setPage} />
    </View>
  );
}

function RosterPage({ query, page, onPage }: { query: ReturnType<typeof useRoster>; page: number; onPage: (p: number) => void }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const { items, hasMore } = query.data;
  if (items.length === 0) {
    return <EmptyState message={page > 1 ? '这一页没有了' : '没有找到符合条件的人'} hint="可以换一个街道，或只填姓再找。" />;
  }
  return (
    <View className="staff-section" ariaRole="region" ariaLabel={`名册第${page}页`}>
      <View className="staff-pager__page" id="roster-page">
        第 {page} 页（每页 {ROSTER_PAGE_SIZE} 人）
      </View>
      {items.map((r) => (
        <RetireeCard key={r.id} retiree={r} />
      ))}
      <View className="staff-pager">
        <BigButton
          id="roster-prev"
          kind="secondary"
          label="上一页"
          disabled={page <= 1 || query.isFetching}
          onClick={() => onPage(page - 1)}
        />
        <BigButton
          id="roster-next"
          kind="secondary"
          label="下一页"
          disabled={!hasMore || query.isFetching}
          onClick={() => onPage(page + 1)}
        />
      </View>
    </View>
  );
}

function RetireeCard({ retiree }: { retiree: RetireeSummary }) {
  const flags = [
    retiree.bound ? '已绑定微信' : '未绑定微信',
    retiree.abroad ? '居住在境外' : '',
    retiree.nonMainlandId ? '非内地证件' : '',
  ].filter(Boolean);
  return (
    <View id={`retiree-${retiree.id}`} className="staff-card roster-item" ariaRole="group" ariaLabel={retiree.name}>
      <View className="staff-card__title">
        {retiree.name}（{retiree.sex === 'M' ? '男' : '女'}）
      </View>
      <Row label="所在社区" value={`${retiree.street} ${retiree.community}`} />
      <Row label="身份证号" value={retiree.idMasked} />
      <Row label="手机号" value={retiree.phoneMasked ?? '没有登记'} />
      <Row label="出生日期" value={formatChineseDate(`${retiree.birthDate}T12:00:00+08:00`)} />
      <Row label="上次认证" value={retiree.lastCertifiedAt ? formatChineseDate(retiree.lastCertifiedAt) : '没有记录'} />
      {retiree.certState ? <Row label="认证情况" value={CERT_STATE_WORDS[retiree.certState]} /> : null}
      <Row label="情况" value={flags.join('，')} />
      <RevealNumber retiree={retiree} />
    </View>
  );
}

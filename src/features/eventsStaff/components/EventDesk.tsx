import type { EventListItem, EventStatus, EventView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { formatDay } from '@/lib/dates';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import { messageOf } from '@/services/cloudError';
import { useEndEvent, usePublishEvent } from '../api/event-status';
import { useStaffEvents } from '../api/list-events';
import { minutesBeforeWords } from '../eventForm';
import { EVENT_STATUS_WORDS } from '../words';
import { EventEditor } from './EventEditor';
import { OccurrenceList } from './OccurrenceList';
import './eventsStaff.scss';

type Mode = { kind: 'list' } | { kind: 'edit'; event?: EventView };
type Filter = EventStatus | 'all';

const FILTERS: Array<{ value: Filter; label: string; key: Filter }> = [
  { value: 'all', label: '全部', key: 'all' },
  { value: 'draft', label: '草稿', key: 'draft' },
  { value: 'published', label: '已发布', key: 'published' },
  { value: 'ended', label: '已结束', key: 'ended' },
];

/** Staff: 活动管理 — every event with its next date, new and edit, publish and end, and each event's coming occurrences. */
export function EventDesk() {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [news, setNews] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [openId, setOpenId] = useState<string | null>(null);

  if (mode.kind === 'edit') {
    return (
      <EventEditor
        key={mode.event?.id ?? 'new'}
        event={mode.event}
        onCancel={() => setMode({ kind: 'list' })}
        onSaved={(saved) => {
          setNews(
            saved.status === 'draft'
              ? `「${saved.title}」已保存为草稿。看一遍没问题，点「发布」，老人就能报名了。`
              : `「${saved.title}」已保存。时间、地点或名称有变的，已报名的人会收到通知。`,
          );
          setMode({ kind: 'list' });
        }}
      />
    );
  }
  return (
    <View className="events-staff">
      <BigButton id="events-new" label="新建活动" onClick={() => setMode({ kind: 'edit' })} />
      <BigButton id="events-stats" kind="secondary" label="看活动统计" onClick={() => Taro.navigateTo({ url: routes.staffEventStats() })} />
      {news ? (
        <Callout tone="done" id="events-news">
          {news}
        </Callout>
      ) : null}
      <Choices id="events-filter" label="看哪些活动" options={FILTERS} selected={[filter]} onToggle={setFilter} />
      <EventList
        status={filter === 'all' ? undefined : filter}
        openId={openId}
        onOpen={setOpenId}
        onEdit={(event) => {
          setNews('');
          setMode({ kind: 'edit', event });
        }}
        onNews={setNews}
      />
    </View>
  );
}

interface ListProps {
  status?: EventStatus;
  openId: string | null;
  onOpen: (id: string | null) => void;
  onEdit: (e: EventView) => void;
  onNews: (s: string) => void;
}

function EventList({ status, openId, onOpen, onEdit, onNews }: ListProps) {
  const list = useStaffEvents(status);
  if (list.isPending) return <LoadingState message="正在读取活动…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (list.data.length === 0) {
    return status ? (
      <EmptyState message={`没有${EVENT_STATUS_WORDS[status]}的活动`} />
    ) : (
      <EmptyState message="还没有活动" hint="点上面的「新建活动」，写好后发布，老人就能在「活动报名」里看到。" />
    );
  }
  return (
    <View id="events-list">
      {list.data.map((item) => (
        <EventCard key={item.event.id} item={item} open={openId === item.event.id} onOpen={onOpen} onEdit={onEdit} onNews={onNews} />
      ))}
    </View>
  );
}

function EventCard({
  item,
  open,
  onOpen,
  onEdit,
  onNews,
}: { item: EventListItem; open: boolean } & Pick<ListProps, 'onOpen' | 'onEdit' | 'onNews'>) {
  const { event: e, upcoming, nextDate } = item;
  const [confirming, setConfirming] = useState<'publish' | 'end' | null>(null);
  const [problem, setProblem] = useState('');
  const publish = usePublishEvent();
  const end = useEndEvent();
  const id = domId('event', e.id);

  const run = async (what: 'publish' | 'end') => {
    setProblem('');
    try {
      if (what === 'publish') {
        await publish.mutateAsync(e.id);
        onNews(`「${e.title}」已发布，老人现在可以在「活动报名」里看到并报名了。`);
        onOpen(e.id);
      } else {
        await end.mutateAsync(e.id);
        onNews(`「${e.title}」已结束，不再接受报名。已有的场次和签到记录都保留着。`);
      }
      setConfirming(null);
    } catch (err) {
      setProblem(messageOf(err));
      setConfirming(null);
    }
  };

  const limits = [
    `每次${e.capacity}人`,
    e.needsApproval ? '报名要审核' : '',
    e.ageMin != null ? `${e.ageMin}岁以上` : '',
    e.ageMax != null ? `${e.ageMax}岁以下` : '',
  ].filter(Boolean);

  return (
    <View id={id} className="events-staff__card" ariaRole="region" ariaLabel={`${e.title}，${EVENT_STATUS_WORDS[e.status]}`}>
      <View className="events-staff__heading">
        <View className={`events-staff__status events-staff__status--${e.status}`}>{EVENT_STATUS_WORDS[e.status]}</View>
        {e.title}
      </View>
      <View className="events-staff__text">
        {e.kindWords} · {e.scheduleWords}
      </View>
      <View className="events-staff__text">
        地点：{e.place.name}（{e.place.address}）
      </View>
      <View className="events-staff__text events-staff__muted">
        {limits.join('，')}；提前{e.opensDaysBefore}天开始报名，{minutesBeforeWords(e.closesMinutesBefore)}截止；老人自己取消最晚到
        {minutesBeforeWords(e.cancelMinutesBefore)}
      </View>
      <View className="events-staff__text events-staff__strong" id={`${id}-next`}>
        {e.status === 'draft'
          ? '草稿：发布后才排出场次，老人才能报名'
          : nextDate
            ? `下一次：${formatDay(nextDate)}；接下来共 ${upcoming} 场`
            : '没有还要举行的场次了'}
      </View>
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {confirming === 'publish' ? (
        <ConfirmStep
          id={`${id}-publish`}
          kind="primary"
          message={`确定发布「${e.title}」吗？`}
          detail="发布后老人就能在「活动报名」里看到并报名。以后再改时间、地点，已报名的人会收到通知。"
          confirmLabel="确定发布"
          busy={publish.isPending}
          onConfirm={() => run('publish')}
          onCancel={() => setConfirming(null)}
        />
      ) : confirming === 'end' ? (
        <ConfirmStep
          id={`${id}-end`}
          message={`确定结束「${e.title}」吗？`}
          detail="结束后不能再报名，也不能再修改；已有的场次、报名和签到记录都会保留。结束了不能再恢复。"
          confirmLabel="确定结束"
          busy={end.isPending}
          onConfirm={() => run('end')}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <View className="events-staff__actions">
          {e.status !== 'ended' ? <SmallButton id={`${id}-edit`} label="编辑" onClick={() => onEdit(e)} /> : null}
          {e.status === 'draft' ? (
            <SmallButton id={`${id}-publish-start`} label="发布" kind="primary" onClick={() => setConfirming('publish')} />
          ) : null}
          {e.status !== 'draft' ? (
            <SmallButton id={`${id}-toggle`} label={open ? '收起场次' : '看场次和签到'} onClick={() => onOpen(open ? null : e.id)} />
          ) : null}
          {e.status === 'published' ? (
            <SmallButton id={`${id}-end-start`} label="结束活动" kind="danger" onClick={() => setConfirming('end')} />
          ) : null}
        </View>
      )}
      {open && e.status !== 'draft' ? <OccurrenceList eventId={e.id} canChange={e.status === 'published'} /> : null}
    </View>
  );
}

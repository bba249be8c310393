import type { FoundRetiree, HomeVisitItem } from '@contract/certification';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/account/api/get-me';
import { formatDay } from '@/lib/dates';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import { findRetirees, useAssignHomeVisit, useHomeVisits, useRecordStaffCertification } from '../api/staff';
import './certify.scss';

type Tab = 'find' | 'visits';

/** Staff: find a person and record an on-site or home-visit certification; the shared home-visit list. */
export function StaffCertify() {
  const [tab, setTab] = useState<Tab>('find');
  return (
    <View className="certify">
      <Choices
        id="staff-certify-tab"
        label="要做什么"
        options={[
          { value: 'find', label: '查找并登记认证', key: 'find' },
          { value: 'visits', label: '上门认证名单', key: 'visits' },
        ]}
        selected={[tab]}
        onToggle={setTab}
      />
      {tab === 'find' ? <FindAndRecord /> : <HomeVisits />}
    </View>
  );
}

function FindAndRecord() {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<FoundRetiree[] | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<FoundRetiree | null>(null);
  const [done, setDone] = useState('');

  const search = async () => {
    setProblem('');
    setDone('');
    setBusy(true);
    try {
      setResults(await findRetirees(q.trim()));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (chosen) {
    return (
      <RecordForm
        person={chosen}
        method="onsite"
        onDone={(p) => {
          setChosen(null);
          setDone(`已登记${p.name}的认证。${p.status.headline}`);
          setResults((rs) => rs?.map((r) => (r.id === p.id ? p : r)) ?? null);
        }}
        onCancel={() => setChosen(null)}
      />
    );
  }
  return (
    <View>
      {done ? (
        <Callout tone="done" id="staff-certify-done">
          {done}
        </Callout>
      ) : null}
      <Field
        id="staff-certify-q"
        label="查找老人"
        hint="输入姓名，或身份证号、手机号的后4位"
        value={q}
        onInput={setQ}
        error={problem}
        maxlength={20}
      />
      <BigButton id="staff-certify-search" label="查找" busy={busy} busyLabel="正在查找…" disabled={!q.trim()} onClick={search} />
      {results && results.length === 0 ? <EmptyState message="没有找到。请换个写法，或确认老人在您负责的街道。" /> : null}
      {results?.map((r) => (
        <PersonRow key={r.id} person={r}>
          <BigButton id={`staff-certify-record-${r.id}`} kind="secondary" label="登记认证" onClick={() => setChosen(r)} />
        </PersonRow>
      ))}
    </View>
  );
}

function PersonRow({ person, children, extra }: { person: FoundRetiree; children?: React.ReactNode; extra?: string }) {
  return (
    <View id={`staff-certify-person-${person.id}`} className="certify__status">
      <View className="certify__headline">
        {person.name}　{person.idMasked}
      </View>
      <View className="certify__who">
        {person.street} {person.community} · {person.phoneMasked ? `电话 ${person.phoneMasked}` : '没有登记电话'} ·{' '}
        {person.bound ? '已绑定微信' : '没有绑定微信'}
      </View>
      <View className="certify__text">{person.status.headline}</View>
      {extra ? <View className="certify__muted">{extra}</View> : null}
      {children}
    </View>
  );
}

function RecordForm({
  person,
  method: initial,
  onDone,
  onCancel,
}: {
  person: FoundRetiree;
  method: 'onsite' | 'home_visit';
  onDone: (p: FoundRetiree) => void;
  onCancel: () => void;
}) {
  const [method, setMethod] = useState(initial);
  const [place, setPlace] = useState(initial === 'onsite' ? `${person.community}社区服务站` : `${person.community} 老人家中`);
  const [note, setNote] = useState('');
  const [day, setDay] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [requestId] = useState(newRequestId);
  const record = useRecordStaffCertification();
  const words = method === 'onsite' ? '现场认证' : '上门认证';

  const submit = () =>
    record.mutate(
      { retireeId: person.id, method, place: place.trim(), note: note.trim() || undefined, day: day.trim() || undefined, requestId },
      { onSuccess: onDone, onError: () => setConfirming(false) },
    );

  if (confirming) {
    return (
      <ConfirmStep
        id="staff-certify-confirm"
        kind="primary"
        message={`确认给${person.name}登记${words}吗？`}
        detail={`地点：${place}。${day ? `日期：${formatDay(day)}。` : '日期：今天。'}登记后会记下您的姓名，不能删除。`}
        confirmLabel="确认登记"
        busy={record.isPending}
        onConfirm={submit}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  return (
    <View id="staff-certify-form">
      <PersonRow person={person} />
      {record.isError ? (
        <Callout tone="problem" id="staff-certify-error">
          {messageOf(record.error)}
        </Callout>
      ) : null}
      <Choices
        id="staff-certify-method"
        label="认证方式"
        options={[
          { value: 'onsite', label: '现场认证（本人到场）', key: 'onsite' },
          { value: 'home_visit', label: '上门认证（到老人家中）', key: 'home_visit' },
        ]}
        selected={[method]}
        onToggle={setMethod}
      />
      <Field id="staff-certify-place" label="地点" value={place} onInput={setPlace} maxlength={60} />
      <Field
        id="staff-certify-day"
        label="日期（不填就是今天）"
        hint="补记以前的，写成 2026-11-20 这样，30天以内"
        value={day}
        onInput={setDay}
        maxlength={10}
      />
      <Field id="staff-certify-note" label="备注（可不填）" value={note} onInput={setNote} maxlength={200} />
      <BigButton id="staff-certify-submit" label={`登记${words}`} disabled={place.trim().length < 2} onClick={() => setConfirming(true)} />
      <BigButton id="staff-certify-back" kind="secondary" label="返回" onClick={onCancel} />
    </View>
  );
}

function HomeVisits() {
  const me = useMe();
  const [assignee, setAssignee] = useState<'all' | 'unassigned' | 'mine'>('all');
  const [page, setPage] = useState(0);
  const [chosen, setChosen] = useState<HomeVisitItem | null>(null);
  const [done, setDone] = useState('');
  const list = useHomeVisits(assignee, page);
  const assign = useAssignHomeVisit();

  if (chosen) {
    return (
      <RecordForm
        person={chosen}
        method="home_visit"
        onDone={(p) => {
          setChosen(null);
          setDone(`已登记${p.name}的上门认证。`);
        }}
        onCancel={() => setChosen(null)}
      />
    );
  }
  return (
    <View id="staff-home-visits">
      <Callout tone="info">
        名单里是快到期、已过期或已暂停发放，又没有绑定微信的老人（每天凌晨更新）。分给自己后，上门认证完在这里登记。
      </Callout>
      {done ? (
        <Callout tone="done" id="staff-visit-done">
          {done}
        </Callout>
      ) : null}
      {assign.isError ? (
        <Callout tone="problem" id="staff-visit-error">
          {messageOf(assign.error)}
        </Callout>
      ) : null}
      <Choices
        id="staff-visit-filter"
        label="看哪些"
        options={[
          { value: 'all', label: '全部', key: 'all' },
          { value: 'unassigned', label: '还没分派的', key: 'unassigned' },
          { value: 'mine', label: '分给我的', key: 'mine' },
        ]}
        selected={[assignee]}
        onToggle={(v) => {
          setAssignee(v);
          setPage(0);
        }}
      />
      {list.isPending ? <LoadingState /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState message="名单是空的，没有需要上门的老人。" /> : null}
      {list.data ? (
        <View className="certify__muted" id="staff-visit-total">
          共 {list.data.total} 位
        </View>
      ) : null}
      {list.data?.items.map((p) => {
        const mine = p.assigneeUserId && p.assigneeUserId === me.data?.userId;
        return (
          <PersonRow key={p.id} person={p} extra={p.assigneeName ? `已分给：${p.assigneeName}` : '还没分派'}>
            {mine ? <BigButton id={`staff-visit-record-${p.id}`} label="登记上门认证" onClick={() => setChosen(p)} /> : null}
            <BigButton
              id={`staff-visit-assign-${p.id}`}
              kind="secondary"
              label={mine ? '不由我去了' : '分给我'}
              busy={assign.isPending && assign.variables?.retireeIds[0] === p.id}
              onClick={() =>
                assign.mutate(
                  { retireeIds: [p.id], assigneeUserId: mine ? null : (me.data?.userId ?? null) },
                  { onSuccess: () => setDone('') },
                )
              }
            />
          </PersonRow>
        );
      })}
      {list.data && page > 0 ? <BigButton id="staff-visit-prev" kind="secondary" label="上一页" onClick={() => setPage(page - 1)} /> : null}
      {list.data?.hasMore ? <BigButton id="staff-visit-next" kind="secondary" label="下一页" onClick={() => setPage(page + 1)} /> : null}
    </View>
  );
}

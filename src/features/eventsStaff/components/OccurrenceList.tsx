import { eventSchemas, type OccurrenceView } from '@contract/events';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { placeError } from '@/lib/formErrors';
import { routes } from '@/lib/routes';
import { useCancelOccurrence, useMoveOccurrence } from '../api/change-occurrence';
import { usePastOccurrences, useStaffEvent } from '../api/get-event';
import { dayWithWeekday, occurrenceWhen } from '../words';

/** How many occurrences show before 再看… (a weekly class has dozens ahead). */
const FIRST = 6;

/** An event's occurrences from today on: each with its counts, 签到, and (published events) 取消这一次 / 改期. */
export function OccurrenceList({ eventId, canChange }: { eventId: string; canChange: boolean }) {
  const detail = useStaffEvent(eventId);
  const [all, setAll] = useState(false);
  if (detail.isPending) return <LoadingState message="正在读取场次…" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  const occurrences = detail.data.occurrences;
  const shown = all ? occurrences : occurrences.slice(0, FIRST);
  return (
    <View className="events-staff__occurrences" id={domId('occurrences', eventId)}>
      {occurrences.length === 0 ? (
        <EmptyState message="今天以后没有场次了" />
      ) : (
        <View className="events-staff__subheading">今天起的场次（共 {occurrences.length} 场）</View>
      )}
      {shown.map((o) => (
        <OccurrenceRow key={o.id} occ={o} canChange={canChange} />
      ))}
      {!all && occurrences.length > FIRST ? (
        <SmallButton
          id={`${domId('occurrences', eventId)}-more`}
          label={`再看后面 ${occurrences.length - FIRST} 场`}
          onClick={() => setAll(true)}
        />
      ) : null}
      <PastOccurrences eventId={eventId} />
    </View>
  );
}

/** 以前的场次: opened on request, each with 补签到 (ticking names from a paper list afterwards). */
function PastOccurrences({ eventId }: { eventId: string }) {
  const [open, setOpen] = useState(false);
  const past = usePastOccurrences(eventId, open);
  const id = domId('past', eventId);
  if (!open) return <SmallButton id={id} label="看已经过去的场次（补签到）" onClick={() => setOpen(true)} />;
  if (past.isPending) return <LoadingState message="正在读取以前的场次…" />;
  if (past.isError) return <ErrorState error={past.error} onRetry={() => past.refetch()} />;
  const list = past.data.occurrences.filter((o) => o.status === 'scheduled');
  if (list.length === 0) return <EmptyState message="还没有已经过去的场次" />;
  return (
    <View id={id}>
      <View className="events-staff__subheading">已经过去的场次（最近 {list.length} 场）</View>
      {list.map((o) => (
        <View key={o.id} id={domId('past-occ', o.id)} className="events-staff__line">
          <View className="events-staff__text">{occurrenceWhen(o)}</View>
          <View className="events-staff__text">已报名 {o.confirmed} 人</View>
          <SmallButton
            id={`${domId('past-occ', o.id)}-checkin`}
            label="补签到"
            onClick={() => Taro.navigateTo({ url: routes.staffEventCheckin(o.id) })}
          />
        </View>
      ))}
    </View>
  );
}

type Step = 'idle' | 'cancel' | 'cancel-confirm' | 'move' | 'move-confirm';
type MoveField = 'toDate' | 'start' | 'end' | 'reason';

function OccurrenceRow({ occ, canChange }: { occ: OccurrenceView; canChange: boolean }) {
  const id = domId('occ', occ.id);
  const [step, setStep] = useState<Step>('idle');
  const [reason, setReason] = useState('');
  const [move, setMove] = useState({ toDate: occ.date, start: occ.start, end: occ.end });
  const [errors, setErrors] = useState<Partial<Record<MoveField, string>>>({});
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const cancel = useCancelOccurrence();
  const moveIt = useMoveOccurrence();
  const cancelled = occ.status === 'cancelled';
  const people = occ.confirmed + occ.waiting;
  const tellWords = people ? `已报名和候补的 ${people} 人都会收到通知` : '现在还没有人报名';

  const begin = (s: 'cancel' | 'move') => {
    setStep(s);
    setErrors({});
    setProblem('');
    setDone('');
  };

  const checkCancel = () => {
    const checked = eventSchemas['occurrence.cancel'].safeParse({ occurrenceId: occ.id, reason });
    if (!checked.success) return setErrors({ reason: checked.error.issues[0]?.message ?? '请写明原因' });
    setErrors({});
    setStep('cancel-confirm');
  };

  const checkMove = () => {
    const checked = eventSchemas['occurrence.move'].safeParse({ occurrenceId: occ.id, ...move, reason });
    if (!checked.success) {
      const found: Partial<Record<MoveField, string>> = {};
      for (const issue of checked.error.issues) {
        const key = String(issue.path[0]) as MoveField;
        found[['toDate', 'start', 'end', 'reason'].includes(key) ? key : 'toDate'] ??= issue.message;
      }
      return setErrors(found);
    }
    setErrors({});
    setStep('move-confirm');
  };

  const fail = (error: unknown) => {
    const placed = placeError<MoveField>(error, { toDate: ['日期'], end: ['结束时间'], start: ['开始时间'], reason: ['原因'] });
    if (placed.field) setErrors({ [placed.field]: placed.message });
    else setProblem(placed.message);
  };

  const confirmCancel = async () => {
    try {
      const r = await cancel.mutateAsync({ occurrenceId: occ.id, reason: reason.trim() });
      setDone(`已取消这一次，${r.told ? `已通知 ${r.told} 人` : '没有需要通知的人'}。`);
      setStep('idle');
      setReason('');
    } catch (e) {
      setStep('cancel');
      fail(e);
    }
  };

  const confirmMove = async () => {
    try {
      const r = await moveIt.mutateAsync({ occurrenceId: occ.id, ...move, reason: reason.trim() });
      setDone(`已改到${occurrenceWhen(r)}，${r.told ? `已通知 ${r.told} 人` : '没有需要通知的人'}。`);
      setStep('idle');
      setReason('');
    } catch (e) {
      setStep('move');
      fail(e);
    }
  };

  return (
    <View
      id={id}
      className={`events-staff__occurrence${cancelled ? ' events-staff__occurrence--cancelled' : ''}`}
      ariaRole="region"
      ariaLabel={`${occurrenceWhen(occ)}${cancelled ? '，已取消' : ''}`}
    >
      <View className="events-staff__strong events-staff__text">
        {cancelled ? <View className="events-staff__status events-staff__status--cancelled">已取消</View> : null}
        {occurrenceWhen(occ)}
      </View>
      {cancelled ? <View className="events-staff__text events-staff__muted">取消原因：{occ.cancelReason}</View> : null}
      {occ.movedFrom ? (
        <View className="events-staff__text events-staff__muted">
          已改期：原来是{occurrenceWhen(occ.movedFrom)}（{occ.movedFrom.reason}）
        </View>
      ) : null}
      <View className="events-staff__text" id={`${id}-counts`}>
        已报名 {occ.confirmed}/{occ.capacity} 人{occ.waiting ? `，候补 ${occ.waiting} 人` : ''}
      </View>
      {done ? (
        <Callout tone="done" id={`${id}-done`}>
          {done}
        </Callout>
      ) : null}
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}

      {step === 'cancel' ? (
        <View>
          <Field
            id={`${id}-cancel-reason`}
            label="为什么取消这一次"
            hint="老人会在通知里看到，例如：元旦放假、老师请假"
            value={reason}
            onInput={(v) => {
              setReason(v);
              setErrors({});
            }}
            error={errors.reason}
            maxlength={40}
          />
          <View className="events-staff__actions">
            <SmallButton id={`${id}-cancel-next`} label="下一步" kind="primary" onClick={checkCancel} />
            <SmallButton id={`${id}-cancel-back`} label="不取消了" onClick={() => setStep('idle')} />
          </View>
        </View>
      ) : step === 'cancel-confirm' ? (
        <ConfirmStep
          id={`${id}-cancel-confirm`}
          message={`确定取消${dayWithWeekday(occ.date)}这一次吗？`}
          detail={`${tellWords}，原因：${reason.trim()}。取消后不能恢复。`}
          confirmLabel="确定取消这一次"
          cancelLabel="不取消了"
          busy={cancel.isPending}
          onConfirm={confirmCancel}
          onCancel={() => setStep('idle')}
        />
      ) : step === 'move' ? (
        <View>
          <Field
            id={`${id}-move-date`}
            label="改到哪天"
            hint="写成 2026-12-05 这样"
            value={move.toDate}
            onInput={(v) => {
              setMove((m) => ({ ...m, toDate: v }));
              setErrors({});
            }}
            error={errors.toDate}
            maxlength={10}
          />
          <Field
            id={`${id}-move-start`}
            label="开始时间"
            hint="写成 08:00 这样"
            value={move.start}
            onInput={(v) => {
              setMove((m) => ({ ...m, start: v }));
              setErrors({});
            }}
            error={errors.start}
            maxlength={5}
          />
          <Field
            id={`${id}-move-end`}
            label="结束时间"
            value={move.end}
            onInput={(v) => {
              setMove((m) => ({ ...m, end: v }));
              setErrors({});
            }}
            error={errors.end}
            maxlength={5}
          />
          <Field
            id={`${id}-move-reason`}
            label="为什么改期"
            hint="老人会在通知里看到"
            value={reason}
            onInput={(v) => {
              setReason(v);
              setErrors({});
            }}
            error={errors.reason}
            maxlength={40}
          />
          <View className="events-staff__actions">
            <SmallButton id={`${id}-move-next`} label="下一步" kind="primary" onClick={checkMove} />
            <SmallButton id={`${id}-move-back`} label="不改了" onClick={() => setStep('idle')} />
          </View>
        </View>
      ) : step === 'move-confirm' ? (
        <ConfirmStep
          id={`${id}-move-confirm`}
          kind="primary"
          message={`确定把这一次改到${occurrenceWhen({ date: move.toDate, start: move.start, end: move.end })}吗？`}
          detail={`原来是${occurrenceWhen(occ)}。${tellWords}，原因：${reason.trim()}。`}
          confirmLabel="确定改期"
          cancelLabel="不改了"
          busy={moveIt.isPending}
          onConfirm={confirmMove}
          onCancel={() => setStep('idle')}
        />
      ) : (
        <View className="events-staff__actions">
          {!cancelled ? (
            <SmallButton
              id={`${id}-checkin`}
              label="签到"
              kind="primary"
              onClick={() => Taro.navigateTo({ url: routes.staffEventCheckin(occ.id) })}
            />
          ) : null}
          {canChange && !cancelled ? (
            <>
              <SmallButton id={`${id}-move`} label="改期" onClick={() => begin('move')} />
              <SmallButton id={`${id}-cancel`} label="取消这一次" kind="danger" onClick={() => begin('cancel')} />
            </>
          ) : null}
        </View>
      )}
    </View>
  );
}

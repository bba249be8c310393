import type { VerificationEntry } from '@contract/comparison';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { ConfirmStep } from '@/components/ConfirmStep';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { LoadingState } from '@/components/LoadingState';
import { formatChineseDate } from '@/lib/dates';
import { messageOf } from '@/services/cloudError';
import { useSettleVerification, useVerificationList } from '../api/verification';
import './comparison.scss';

const OUTCOME_WORDS = {
  alive: { button: '核实：本人健在', question: '确定这条记录是错的、本人健在吗？', detail: '确定后，这位老人的大数据比对认证会恢复。' },
  confirmed: { button: '核实：情况属实', question: '确定这条死亡或注销记录属实吗？', detail: '确定后，不再为这位老人自动认证。' },
} as const;
type Outcome = keyof typeof OUTCOME_WORDS;

/**
 * People a death or cancellation record took off automatic certification, waiting for
 * staff to check. Settling takes a note and a second step on the page (no pop-up).
 */
export function VerificationList() {
  const [page, setPage] = useState(1);
  const [done, setDone] = useState('');
  const query = useVerificationList(page);
  if (query.isPending) return <LoadingState message="正在读取核实名单…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const { items, total, hasMore } = query.data;
  return (
    <View id="verification" className="comparison__section">
      <View className="comparison__heading">待核实名单（{total}人）</View>
      {done ? (
        <Callout tone="done" id="verification-done">
          {done}
        </Callout>
      ) : null}
      {items.length === 0 ? (
        <EmptyState message="没有需要核实的人" hint="比对文件里有死亡或注销记录时，这些人会列在这里。" />
      ) : (
        items.map((e) => <Entry key={e.retireeId} entry={e} onSettled={setDone} />)
      )}
      {page > 1 ? <BigButton id="verification-prev" kind="secondary" label="上一页" onClick={() => setPage(page - 1)} /> : null}
      {hasMore ? <BigButton id="verification-next" kind="secondary" label="下一页" onClick={() => setPage(page + 1)} /> : null}
    </View>
  );
}

const newRequestId = () => `vrf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function Entry({ entry, onSettled }: { entry: VerificationEntry; onSettled: (message: string) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);
  const settle = useSettleVerification();
  const id = `verification-${entry.retireeId}`;

  const choose = (o: Outcome) => {
    setOutcome(o);
    setConfirming(false);
    setProblem('');
    setRequestId(newRequestId());
  };
  const next = () => {
    if (note.trim().length < 2) return setNoteError('请写明怎样核实的（例如：电话联系本人、上门见到本人）');
    setNoteError('');
    setConfirming(true);
  };
  const confirm = async () => {
    try {
      // The card leaves the list when this succeeds: the page above says what was done.
      await settle.mutateAsync({ retireeId: entry.retireeId, outcome: outcome as Outcome, note: note.trim(), requestId });
      onSettled(outcome === 'alive' ? `已核实${entry.name}本人健在，自动认证已恢复。` : `已确认${entry.name}的${entry.source}记录属实。`);
    } catch (e) {
      setProblem(messageOf(e));
      setConfirming(false);
    }
  };

  return (
    <View id={id} className="comparison__entry">
      <View className="comparison__heading">
        {entry.name}（{entry.idMasked}）
      </View>
      <View className="comparison__text">
        {entry.street} {entry.community}
      </View>
      <View className="comparison__text">
        {entry.source}记录，日期：{formatChineseDate(entry.date)}
        {entry.lastCertifiedAt ? `；上次认证：${formatChineseDate(entry.lastCertifiedAt)}` : ''}
      </View>
      {problem ? (
        <Callout tone="problem" id={`${id}-problem`}>
          {problem}
        </Callout>
      ) : null}
      {!outcome ? (
        <>
          <BigButton id={`${id}-alive`} kind="secondary" label={OUTCOME_WORDS.alive.button} onClick={() => choose('alive')} />
          <BigButton id={`${id}-confirmed`} kind="secondary" label={OUTCOME_WORDS.confirmed.button} onClick={() => choose('confirmed')} />
        </>
      ) : confirming ? (
        <ConfirmStep
          id={`${id}-confirm`}
          message={OUTCOME_WORDS[outcome].question}
          detail={`${OUTCOME_WORDS[outcome].detail}核实说明：${note.trim()}`}
          confirmLabel="确定"
          kind={outcome === 'confirmed' ? 'danger' : 'primary'}
          busy={settle.isPending}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <>
          <Field
            id={`${id}-note`}
            label="怎样核实的"
            hint="例如：电话联系到本人；上门见到本人；家属提供了死亡证明"
            value={note}
            onInput={setNote}
            error={noteError}
            maxlength={200}
          />
          <BigButton id={`${id}-next`} label="下一步" onClick={next} />
          <BigButton id={`${id}-back`} kind="secondary" label="返回" onClick={() => setOutcome(null)} />
        </>
      )}
    </View>
  );
}

import { accountSchemas, type QueueItem } from '@contract/accounts';
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
import { firstIssue } from '@/lib/formErrors';
import { messageOf } from '@/services/cloudError';
import { useLinkQueue } from '../api/list-link-queue';
import { useReviewLink } from '../api/review-link';
import { Row } from './StaffRow';
import './staff.scss';

const noteSchema = accountSchemas['family.review'].shape.note;

/** Staff: family requests for elders without a smartphone, in my streets, oldest first. */
export function LinkQueue() {
  const query = useLinkQueue();
  const [news, setNews] = useState('');
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  return (
    <View className="staff-desk">
      <View className="staff-card__note">
        长辈有智能手机的，由长辈在自己的微信里确认，不需要在这里办理。请先核实（长辈本人到社区、上门或电话确认），再写明核实方式。
      </View>
      {news ? (
        <Callout tone="done" id="queue-news">
          {news}
        </Callout>
      ) : null}
      {items.length === 0 ? (
        <EmptyState message="现在没有等待审核的申请" hint="家属提交申请后会出现在这里，请过一会儿再来看看。" />
      ) : (
        items.map((item) => <QueueCard key={item.id} item={item} onDone={setNews} />)
      )}
      {query.hasNextPage ? (
        <BigButton
          kind="secondary"
          label="看更多申请"
          busy={query.isFetchingNextPage}
          busyLabel="正在加载…"
          onClick={() => query.fetchNextPage()}
        />
      ) : null}
    </View>
  );
}

function QueueCard({ item, onDone }: { item: QueueItem; onDone: (news: string) => void }) {
  const review = useReviewLink();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [deciding, setDeciding] = useState<null | boolean>(null);

  const decide = (accept: boolean) => {
    const checked = noteSchema.safeParse(note);
    setNoteError(firstIssue(checked));
    if (checked.success) setDeciding(accept);
  };
  const confirm = () => {
    if (deciding === null) return;
    const accept = deciding;
    // mutateAsync: the card leaves the queue when it refreshes, before a mutate() callback would run.
    review.mutateAsync({ linkId: item.id, accept, note: note.trim() }).then(
      () =>
        onDone(
          accept
            ? `已同意 ${item.helperName} 帮 ${item.elderName} 办理。`
            : `已不同意 ${item.helperName} 帮 ${item.elderName} 办理的申请。`,
        ),
      () => setDeciding(null),
    );
  };

  return (
    <View id={`queue-${item.id}`} className="staff-card queue-item" ariaRole="group" ariaLabel={`${item.elderName}的家属申请`}>
      <View className="staff-card__title">
        {item.elderName}
        {item.elderIdMasked ? `（${item.elderIdMasked}）` : ''}
      </View>
      <Row label="所在社区" value={`${item.street} ${item.community}`} />
      <Row label="申请人" value={`${item.helperName}（${item.relation}）`} />
      <Row label="申请日期" value={formatChineseDate(item.createdAt)} />
      <Field
        id={`queue-note-${item.id}`}
        label="核实方式（必填）"
        hint='例如"本人到社区现场确认"、"上门核实"'
        value={note}
        maxlength={200}
        disabled={review.isPending}
        onInput={(v) => {
          setNote(v);
          setNoteError('');
          setDeciding(null);
        }}
        error={noteError}
      />
      {review.isError ? <Callout tone="problem">{messageOf(review.error)}</Callout> : null}
      {deciding === null ? (
        <>
          <BigButton id={`queue-accept-${item.id}`} label="同意" onClick={() => decide(true)} />
          <BigButton id={`queue-refuse-${item.id}`} kind="danger" label="不同意" onClick={() => decide(false)} />
        </>
      ) : (
        <ConfirmStep
          id={`queue-${item.id}`}
          kind={deciding ? 'primary' : 'danger'}
          message={deciding ? `确认同意 ${item.helperName} 帮 ${item.elderName} 办理？` : `确认不同意 ${item.helperName} 的申请？`}
          detail={`核实方式：${note.trim()}。这条记录会留存，长辈本人可以看到。`}
          confirmLabel={deciding ? '确认同意' : '确认不同意'}
          busy={review.isPending}
          onConfirm={confirm}
          onCancel={() => setDeciding(null)}
        />
      )}
    </View>
  );
}

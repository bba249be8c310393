import type { QuestionStatus, StaffQuestion } from '@contract/policy';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Callout } from '@/components/Callout';
import { Choices } from '@/components/Choices';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { SmallButton } from '@/components/SmallButton';
import { domId } from '@/lib/domId';
import { useQuestions } from '../api/questions';
import { askedWords, whenWords } from '../words';
import { QuestionDetail } from './QuestionDetail';
import './contentStaff.scss';

type Filter = QuestionStatus | 'all';

const FILTERS: Array<{ value: Filter; label: string; key: string }> = [
  { value: 'open', label: '等待答复', key: 'open' },
  { value: 'answered', label: '已答复', key: 'answered' },
  { value: 'all', label: '全部', key: 'all' },
];

/** Staff: 群众提问 — the questions of their streets, waiting ones first; each opened whole to answer. */
export function QuestionDesk() {
  const [filter, setFilter] = useState<Filter>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  if (openId) return <QuestionDetail id={openId} onBack={() => setOpenId(null)} />;
  return (
    <View className="content-staff">
      <Callout tone="info" id="questions-privacy">
        列表里的身份证号、手机号已经遮住。打开一条看全文，会记入操作记录，提问的人在「我的信息」里也能看到。
      </Callout>
      <Choices id="questions-status" label="看哪些提问" options={FILTERS} selected={[filter]} onToggle={setFilter} />
      <QuestionList status={filter === 'all' ? undefined : filter} onOpen={setOpenId} />
    </View>
  );
}

function QuestionList({ status, onOpen }: { status?: QuestionStatus; onOpen: (id: string) => void }) {
  const list = useQuestions(status);
  if (list.isPending) return <LoadingState message="正在读取提问…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const questions = list.data.pages.flatMap((p) => p.items);
  if (questions.length === 0) {
    return (
      <EmptyState
        message={status === 'open' ? '没有等待答复的提问' : '还没有提问'}
        hint="老人和家属在「政策问答」里提的问题会出现在这里。"
      />
    );
  }
  return (
    <View id="questions-list">
      {questions.map((q) => (
        <QuestionCard key={q.id} question={q} onOpen={onOpen} />
      ))}
      {list.hasNextPage ? (
        <BigButton
          id="questions-more"
          kind="secondary"
          label="看更多提问"
          busy={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        />
      ) : null}
    </View>
  );
}

function QuestionCard({ question: q, onOpen }: { question: StaffQuestion; onOpen: (id: string) => void }) {
  const id = domId('question', q.id);
  const answered = q.status === 'answered';
  return (
    <View id={id} className="content-staff__card" ariaRole="region" ariaLabel={`${answered ? '已答复' : '等待答复'}，${q.askerName}的提问`}>
      <View className="content-staff__labels">
        <Label tone={answered ? 'published' : 'draft'} text={answered ? '已答复' : '等待答复'} />
        {q.category ? <Label tone="draft" text={q.category} /> : null}
      </View>
      <View className="content-staff__text" id={`${id}-text`}>
        {q.text}
      </View>
      <View className="content-staff__text content-staff__muted">{askedWords(q)}</View>
      {answered ? (
        <View className="content-staff__text content-staff__muted">
          {q.answeredByName ?? '工作人员'}在{whenWords(q.answeredAt)}答复{q.publishedAnswerId ? '，已整理成问答草稿' : ''}
        </View>
      ) : null}
      <SmallButton
        id={`${id}-open`}
        kind={answered ? 'secondary' : 'primary'}
        label={answered ? '看全文和答复' : '看全文并答复'}
        onClick={() => onOpen(q.id)}
      />
    </View>
  );
}

import type { PolicyAnswerStaff, PolicyCategory, PolicyStatus } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '@/components/BigButton';
import { Choices } from '@/components/Choices';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { Label } from '@/components/Label';
import { LoadingState } from '@/components/LoadingState';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import { useAnswers } from '../api/list-answers';
import { CATEGORY_CHOICES, stateTone, whenWords } from '../words';
import './contentStaff.scss';

type StatusFilter = PolicyStatus | 'all';
type CategoryFilter = PolicyCategory | 'all';

const STATUS_FILTERS: Array<{ value: StatusFilter; label: string; key: string }> = [
  { value: 'all', label: '全部', key: 'all' },
  { value: 'draft', label: '草稿', key: 'draft' },
  { value: 'published', label: '已发布', key: 'published' },
  { value: 'unpublished', label: '已撤下', key: 'unpublished' },
];

const CATEGORY_FILTERS: Array<{ value: CategoryFilter; label: string; key: string }> = [
  { value: 'all', label: '全部分类', key: 'all' },
  ...CATEGORY_CHOICES,
];

const open = (id?: string) => Taro.navigateTo({ url: routes.staffPolicyAnswer(id) });

/** 政策问答管理: every answer by status and category, newest edit first; 新建 and each answer open its own page. */
export function AnswerDesk() {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [category, setCategory] = useState<CategoryFilter>('all');
  return (
    <View className="content-staff">
      <BigButton id="answers-new" label="新建问答" onClick={() => open()} />
      <Choices id="answers-status" label="看哪些问答" options={STATUS_FILTERS} selected={[status]} onToggle={setStatus} />
      <Choices id="answers-category" label="分类" options={CATEGORY_FILTERS} selected={[category]} onToggle={setCategory} />
      <AnswerList status={status === 'all' ? undefined : status} category={category === 'all' ? undefined : category} />
    </View>
  );
}

function AnswerList({ status, category }: { status?: PolicyStatus; category?: PolicyCategory }) {
  const list = useAnswers({ status, category });
  if (list.isPending) return <LoadingState message="正在读取问答…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const answers = list.data.pages.flatMap((p) => p.items);
  if (answers.length === 0) {
    return status || category ? (
      <EmptyState message="没有这样的问答" hint="换一个状态或分类看看。" />
    ) : (
      <EmptyState message="还没有政策问答" hint="点上面的「新建问答」写第一条。" />
    );
  }
  return (
    <View id="answers-list">
      {answers.map((a) => (
        <AnswerCard key={a.id} answer={a} />
      ))}
      {list.hasNextPage ? (
        <BigButton
          id="answers-more"
          kind="secondary"
          label="看更多问答"
          busy={list.isFetchingNextPage}
          onClick={() => list.fetchNextPage()}
        />
      ) : null}
    </View>
  );
}

function AnswerCard({ answer: a }: { answer: PolicyAnswerStaff }) {
  const id = domId('answer', a.id);
  const { helpful, notHelpful } = a.feedback;
  const extra = [
    a.state === 'scheduled' && a.publishedAt ? `${whenWords(a.publishedAt)}发布` : '',
    helpful + notHelpful > 0 ? `有帮助 ${helpful} · 没帮助 ${notHelpful}` : '',
    a.origin === 'question' ? '由群众提问整理' : '',
  ].filter(Boolean);
  return (
    <View
      id={id}
      data-testid={id}
      className="content-staff__card content-staff__card--link"
      ariaRole="link"
      ariaLabel={[a.stateWords, a.question, `${a.category} · ${whenWords(a.updatedAt)}修改`, ...extra].join('，')}
      hoverClass="content-staff__card--pressed"
      onClick={() => open(a.id)}
    >
      <View className="content-staff__labels">
        <Label tone={stateTone(a.state)} text={a.stateWords} />
      </View>
      <View className="content-staff__heading">{a.question}</View>
      <View className="content-staff__text content-staff__muted">
        {a.category} · {whenWords(a.updatedAt)}修改
      </View>
      {extra.length ? <View className="content-staff__text content-staff__muted">{extra.join(' · ')}</View> : null}
    </View>
  );
}

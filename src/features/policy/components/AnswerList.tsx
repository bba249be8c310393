import type { PolicyCategory } from '@contract/policy';
import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useAnswers } from '../api/list-answers';
import { AnswerCard } from './AnswerCard';
import './policy.scss';

/** With no category, how many of the newest answers to show before 看更多. */
const LATEST_SHOWN = 5;

/** The newest answers of a category (all of them, page by page), or the newest few of every category. */
export function AnswerList({ category }: { category: PolicyCategory | undefined }) {
  const query = useAnswers(category);
  const heading = category ? `“${category}”的问答` : '最近更新的问答';
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const all = query.data.pages.flatMap((p) => p.items);
  const answers = category ? all : all.slice(0, LATEST_SHOWN);
  return (
    <View id="policy-answers" className="policy-answers" ariaRole="region" ariaLabel={heading}>
      <View className="policy-section-title" ariaRole="heading" aria-level="2">
        {heading}
      </View>
      {answers.length === 0 ? (
        <EmptyState message="这一类还没有问答" hint="可以在上面搜一搜，或者点下面的“问工作人员”。" />
      ) : (
        answers.map((a) => <AnswerCard key={a.id} answer={a} />)
      )}
      {category && query.hasNextPage ? (
        <BigButton
          id="policy-answers-more"
          kind="secondary"
          label="看更多问答"
          busy={query.isFetchingNextPage}
          busyLabel="正在加载…"
          onClick={() => query.fetchNextPage()}
        />
      ) : null}
    </View>
  );
}

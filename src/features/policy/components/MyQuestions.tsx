import type { MyQuestion } from '@contract/policy';
import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatChineseDate } from '@/lib/dates';
import { domId } from '@/lib/domId';
import './policy.scss';

type MyQuestionsQuery = {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  data: MyQuestion[] | undefined;
  refetch: () => unknown;
};

/** 我的提问: newest first, each with where it stands and the centre's answer once there is one. */
export function MyQuestions({ query }: { query: MyQuestionsQuery }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const questions = query.data ?? [];
  return (
    <View id="my-questions" className="my-questions" ariaRole="region" ariaLabel="我的提问">
      <View className="policy-section-title" ariaRole="heading" aria-level="2">
        我的提问
      </View>
      {questions.length === 0 ? (
        <View id="my-questions-none" className="policy-ask__hint">
          还没有提问。问了以后，问题和工作人员的答复都会显示在这里。
        </View>
      ) : (
        questions.map((q) => <QuestionCard key={q.id} question={q} />)
      )}
      {questions.length > 0 ? (
        <BigButton
          id="my-questions-refresh"
          kind="secondary"
          label="看看有没有新的答复"
          busy={query.isFetching}
          busyLabel="正在查看…"
          onClick={() => query.refetch()}
        />
      ) : null}
    </View>
  );
}

function QuestionCard({ question: q }: { question: MyQuestion }) {
  const id = domId('question', q.id);
  const answered = q.status === 'answered' && !!q.answer;
  const status = answered ? '已答复' : '等待答复';
  return (
    <View id={id} data-testid={id} className="question-card" ariaRole="article" ariaLabel={`${status}：${q.text}`}>
      <View className={`question-card__status question-card__status--${answered ? 'answered' : 'open'}`}>{status}</View>
      <View className="question-card__text">{q.text}</View>
      <View className="question-card__meta">
        {formatChineseDate(q.createdAt)}提问{q.category ? ` · ${q.category}` : ''}
      </View>
      {answered ? (
        <View id={`${id}-answer`} className="question-card__answer">
          <View className="question-card__answer-title">中心的答复{q.answeredAt ? `（${formatChineseDate(q.answeredAt)}）` : ''}：</View>
          <View className="question-card__answer-text">{q.answer}</View>
        </View>
      ) : (
        <View className="question-card__meta">工作人员答复以后会显示在这里。</View>
      )}
    </View>
  );
}

import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ArticleBody } from '@/components/ArticleBody';
import { BigButton } from '@/components/BigButton';
import { CentreHelp } from '@/components/CentreHelp';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { ReadAloudButton } from '@/components/ReadAloudButton';
import { routes } from '@/lib/routes';
import { CloudCallError } from '@/services/cloudError';
import { useAnswer } from '../api/get-answer';
import { AnswerFacts } from './AnswerFacts';
import { AnswerFeedback } from './AnswerFeedback';
import { RelatedAnswers } from './RelatedAnswers';
import { ShareAnswer, useAnswerShare } from './ShareAnswer';
import './policy.scss';

function AnswerMissing() {
  return (
    <EmptyState
      message="没有找到这条问答"
      hint="它可能已经撤下了，或者政策已经不再施行。可以回到政策问答查一查。"
      action={{ label: '回到政策问答', onClick: () => Taro.redirectTo({ url: routes.policy() }) }}
    />
  );
}

/**
 * One answer to read: the question, 朗读, the answer in large type, where it comes from and
 * when it applies, related answers, "did this help?", sharing, and whom to ask next.
 */
export function AnswerArticle({ id }: { id: string }) {
  const query = useAnswer(id);
  useAnswerShare(query.data);
  if (!id) return <AnswerMissing />;
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (query.error instanceof CloudCallError && query.error.code === 'NOT_FOUND') return <AnswerMissing />;
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }

  const answer = query.data;
  return (
    <View className="policy-detail">
      <View id="policy-article" className="policy-article" ariaRole="article" ariaLabel={answer.question}>
        <View className="policy-tag">{answer.category}</View>
        <View id="policy-question" className="policy-article__title" ariaRole="heading" aria-level="2">
          {answer.question}
        </View>
        <ReadAloudButton id="policy-read-aloud" title={answer.question} text={answer.answerText} />
        <ArticleBody id="policy-answer" body={answer.answer} format={answer.answerFormat} />
        <AnswerFacts answer={answer} />
      </View>
      <AnswerFeedback answer={answer} />
      <RelatedAnswers related={answer.related} />
      <ShareAnswer />
      <BigButton
        id="policy-detail-ask"
        kind="secondary"
        label="还有疑问？问工作人员"
        onClick={() => Taro.navigateTo({ url: routes.policyAsk() })}
      />
      <CentreHelp text="着急的话，可以打电话问中心：" />
    </View>
  );
}

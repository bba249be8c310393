import type { PolicyAnswerView } from '@contract/policy';
import { View } from '@tarojs/components';
import { ArticleBody } from '@/components/ArticleBody';
import { AnswerFacts } from '@/features/policy/components/AnswerFacts';
import { RelatedAnswers } from '@/features/policy/components/RelatedAnswers';
import './contentStaff.scss';

/**
 * A policy answer drawn with the residents' own pieces (the article body, the facts, related
 * answers), so the preview is what they will read; only the page's own buttons are left out.
 */
export function AnswerView({ answer, id }: { answer: PolicyAnswerView; id: string }) {
  return (
    <View className="content-staff__preview" id={id}>
      <View className="policy-article" ariaRole="article" ariaLabel={answer.question}>
        <View className="policy-tag">{answer.category}</View>
        <View id={`${id}-question`} className="policy-article__title" ariaRole="heading" aria-level="2">
          {answer.question}
        </View>
        <ArticleBody id={`${id}-body`} body={answer.answer} format={answer.answerFormat} />
        <AnswerFacts answer={answer} />
      </View>
      <RelatedAnswers related={answer.related} />
    </View>
  );
}

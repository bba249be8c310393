import type { PolicyAnswerSummary } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import './policy.scss';

/** One answer in a list: its category, the question in big type, its first words; tap to read it. */
export function AnswerCard({ answer }: { answer: PolicyAnswerSummary }) {
  const id = domId('answer', answer.id);
  return (
    <View
      id={id}
      data-testid={id}
      className="policy-card"
      ariaRole="link"
      ariaLabel={`${answer.question}，${answer.category}`}
      hoverClass="policy-card--pressed"
      onClick={() => Taro.navigateTo({ url: routes.policyDetail(answer.id) })}
    >
      <View className="policy-tag">{answer.category}</View>
      <View className="policy-card__title">{answer.question}</View>
      {answer.summary ? <View className="policy-card__summary">{answer.summary}</View> : null}
    </View>
  );
}

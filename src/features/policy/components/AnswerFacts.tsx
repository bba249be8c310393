import type { PolicyAnswerView } from '@contract/policy';
import { View } from '@tarojs/components';
import { formatChineseDate, formatDay } from '@/lib/dates';
import './policy.scss';

/** Where the answer comes from and when it applies: 政策依据, 施行日期, 有效期至, 更新日期. */
export function AnswerFacts({ answer }: { answer: PolicyAnswerView }) {
  const facts: Array<[key: string, name: string, value: string]> = [];
  if (answer.source) {
    const article = answer.source.article ? ` ${answer.source.article}` : '';
    facts.push(['source', '政策依据', `${answer.source.document}${article}`]);
  }
  if (answer.effectiveFrom) facts.push(['from', '施行日期', formatDay(answer.effectiveFrom)]);
  if (answer.effectiveUntil) facts.push(['until', '有效期至', formatDay(answer.effectiveUntil)]);
  const updated = formatChineseDate(answer.updatedAt ?? answer.publishedAt);
  if (updated) facts.push(['updated', '更新日期', updated]);
  if (facts.length === 0) return null;
  return (
    <View id="policy-facts" className="policy-facts" ariaRole="list" ariaLabel="政策依据和日期">
      {facts.map(([key, name, value]) => (
        <View key={key} id={`policy-fact-${key}`} className="policy-fact" ariaRole="listitem" ariaLabel={`${name}：${value}`}>
          <View className="policy-fact__name">{name}</View>
          <View className="policy-fact__value">{value}</View>
        </View>
      ))}
    </View>
  );
}

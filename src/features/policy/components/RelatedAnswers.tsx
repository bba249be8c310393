import type { PolicyAnswerView } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import './policy.scss';

/** WeChat keeps at most 10 pages open: past that, the answer replaces this page instead. */
const open = (url: string) => Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));

/** Other answers staff linked to this one (only those a reader can open now). */
export function RelatedAnswers({ related }: { related: PolicyAnswerView['related'] }) {
  if (related.length === 0) return null;
  return (
    <View id="policy-related" className="policy-related" ariaRole="region" ariaLabel="相关问答">
      <View className="policy-section-title" ariaRole="heading" aria-level="2">
        相关问答
      </View>
      {related.map((r) => {
        const id = domId('related', r.id);
        return (
          <View
            key={r.id}
            id={id}
            data-testid={id}
            className="policy-related__item"
            ariaRole="link"
            ariaLabel={r.question}
            hoverClass="policy-card--pressed"
            onClick={() => void open(routes.policyDetail(r.id))}
          >
            {r.question}
          </View>
        );
      })}
    </View>
  );
}

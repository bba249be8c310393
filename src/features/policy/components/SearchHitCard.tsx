import type { PolicySearchHit } from '@contract/policy';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { domId } from '@/lib/domId';
import { routes } from '@/lib/routes';
import { unmarked } from '../marks';
import { MarkedText } from './MarkedText';
import './policy.scss';

/** One search result, an answer or a notice, with the words that matched highlighted; tap to read it. */
export function SearchHitCard({ hit }: { hit: PolicySearchHit }) {
  const id = domId(`hit-${hit.kind}`, hit.id);
  const kindWords = hit.kind === 'notice' ? '通知' : (hit.category ?? '问答');
  const url = hit.kind === 'notice' ? routes.noticeDetail(hit.id) : routes.policyDetail(hit.id);
  return (
    <View
      id={id}
      data-testid={id}
      className="policy-card"
      ariaRole="link"
      ariaLabel={`${unmarked(hit.titleMarked)}，${kindWords}`}
      hoverClass="policy-card--pressed"
      onClick={() => Taro.navigateTo({ url })}
    >
      <View className={`policy-tag${hit.kind === 'notice' ? ' policy-tag--notice' : ''}`}>{kindWords}</View>
      <View className="policy-card__title">
        <MarkedText marked={hit.titleMarked} />
      </View>
      {hit.snippetMarked ? (
        <View className="policy-card__summary">
          <MarkedText marked={hit.snippetMarked} />
        </View>
      ) : null}
    </View>
  );
}

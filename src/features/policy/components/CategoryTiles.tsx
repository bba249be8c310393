import { POLICY_CATEGORIES, type PolicyCategory } from '@contract/policy';
import { View } from '@tarojs/components';
import './policy.scss';

interface CategoryTilesProps {
  chosen: PolicyCategory | undefined;
  /** The chosen tile again: back to every category. */
  onChoose: (category: PolicyCategory | undefined) => void;
}

/** The categories as big tiles, two to a row; the chosen one has a tick, not only a colour. */
export function CategoryTiles({ chosen, onChoose }: CategoryTilesProps) {
  return (
    <View id="policy-categories" className="policy-categories" ariaRole="radiogroup" ariaLabel="按分类看">
      <View className="policy-section-title" ariaRole="heading" aria-level="2">
        按分类看
      </View>
      <View className="policy-categories__grid">
        {POLICY_CATEGORIES.map((category, i) => {
          const on = category === chosen;
          return (
            <View
              key={category}
              id={`policy-category-${i}`}
              data-testid={`policy-category-${i}`}
              className={`policy-category${on ? ' policy-category--on' : ''}`}
              ariaRole="radio"
              ariaLabel={`${category}，${on ? '已选中，再点一次看全部' : '未选中'}`}
              aria-checked={on ? 'true' : 'false'}
              hoverClass="policy-category--pressed"
              onClick={() => onChoose(on ? undefined : category)}
            >
              <View className="policy-category__tick">{on ? '✓' : ''}</View>
              <View className="policy-category__name">{category}</View>
            </View>
          );
        })}
      </View>
    </View>
  );
}

import { View } from '@tarojs/components';
import { BigButton } from '@/components/BigButton';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { usePolicySearch } from '../api/search';
import { NothingFound } from './NothingFound';
import { SearchHitCard } from './SearchHitCard';
import './policy.scss';

/** What a search found, best first; or, when nothing, whom to call and how to ask. */
export function SearchResults({ query, onClear }: { query: string; onClear: () => void }) {
  const search = usePolicySearch(query);
  const back = <BigButton id="policy-search-clear" kind="secondary" label="不查了，按分类看" onClick={onClear} />;
  if (search.isPending) return <LoadingState message="正在查找…" />;
  if (search.isError) return <ErrorState error={search.error} onRetry={() => search.refetch()} />;

  const { hits, nextStep } = search.data;
  if (hits.length === 0) {
    return (
      <View className="policy-results">
        <NothingFound query={query} nextStep={nextStep} />
        {back}
      </View>
    );
  }
  const heading = `查到${hits.length}条和“${query}”有关的内容`;
  return (
    <View id="policy-results" className="policy-results" ariaRole="region" ariaLabel={heading}>
      <View id="policy-results-title" className="policy-section-title" ariaRole="heading" aria-level="2">
        {heading}
      </View>
      {hits.map((hit) => (
        <SearchHitCard key={`${hit.kind}:${hit.id}`} hit={hit} />
      ))}
      {back}
    </View>
  );
}

import type { PolicySearchResult } from '@contract/policy';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

/** Answers and notices for what was typed (words, pinyin or its initials, a wrong character); the next step when none. */
export const searchPolicy = (q: string): Promise<PolicySearchResult> => call('content', 'policy.search', { q });

export const getSearchQueryOptions = (q: string) =>
  queryOptions({ queryKey: policyKeys.search(q), queryFn: () => searchPolicy(q), enabled: q !== '', staleTime: 60_000 });

/** `q` is what was searched for (after 搜索 was pressed), '' for none. */
export const usePolicySearch = (q: string) => useQuery(getSearchQueryOptions(q));

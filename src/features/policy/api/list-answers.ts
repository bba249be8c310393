import type { PolicyAnswerPage, PolicyCategory } from '@contract/policy';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

/** The answers in effect, newest first; of one category when given. */
export const listAnswers = (category: PolicyCategory | undefined, page = 1): Promise<PolicyAnswerPage> =>
  call('content', 'policy.list', { ...(category ? { category } : {}), page });

export const getAnswersQueryOptions = (category: PolicyCategory | undefined) =>
  infiniteQueryOptions({
    queryKey: policyKeys.list(category),
    queryFn: ({ pageParam }) => listAnswers(category, pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: PolicyAnswerPage) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useAnswers = (category: PolicyCategory | undefined) => useInfiniteQuery(getAnswersQueryOptions(category));

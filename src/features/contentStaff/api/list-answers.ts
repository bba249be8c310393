import type { PolicyAnswerStaffPage, PolicyCategory, PolicyStatus } from '@contract/policy';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

export interface AnswerFilter {
  status?: PolicyStatus;
  category?: PolicyCategory;
}

/** Staff: every answer (or those of one status or category), newest edit first, with feedback counts. */
export const listAnswers = ({ status, category }: AnswerFilter, page = 1): Promise<PolicyAnswerStaffPage> =>
  call('content', 'policy.listAll', { page, ...(status ? { status } : {}), ...(category ? { category } : {}) });

export const getAnswersQueryOptions = (filter: AnswerFilter) =>
  infiniteQueryOptions({
    queryKey: contentStaffKeys.answerList(filter.status, filter.category),
    queryFn: ({ pageParam }) => listAnswers(filter, pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: PolicyAnswerStaffPage) => (last.hasMore ? last.page + 1 : undefined),
  });

/** Fetched again whenever a page shows it: colleagues write answers too. */
export const useAnswers = (filter: AnswerFilter) => useInfiniteQuery({ ...getAnswersQueryOptions(filter), refetchOnMount: 'always' });

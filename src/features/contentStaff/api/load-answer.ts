import type { PolicyAnswerLoaded } from '@contract/policy';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: one answer with everything the editor needs, its feedback counts and latest notes. */
export const loadAnswer = (id: string): Promise<PolicyAnswerLoaded> => call('content', 'policy.load', { id });

export const getAnswerQueryOptions = (id: string) =>
  queryOptions({ queryKey: contentStaffKeys.answer(id), queryFn: () => loadAnswer(id), enabled: id !== '' });

export const useAnswer = (id: string) => useQuery({ ...getAnswerQueryOptions(id), refetchOnMount: 'always' });

/** The questions of some answers (related answers are kept as ids), each loaded once. */
export const useAnswerTitles = (ids: string[]) =>
  useQueries({
    queries: ids.map((id) => ({ ...getAnswerQueryOptions(id), staleTime: 5 * 60_000 })),
    combine: (results) => new Map(ids.map((id, i) => [id, results[i]?.data?.question ?? null])),
  });

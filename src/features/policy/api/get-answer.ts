import type { PolicyAnswerView } from '@contract/policy';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

/** One answer in effect, with its related answers and my own "did this help?". */
export const getAnswer = (id: string): Promise<PolicyAnswerView> => call('content', 'policy.get', { id });

export const getAnswerQueryOptions = (id: string) =>
  queryOptions({ queryKey: policyKeys.detail(id), queryFn: () => getAnswer(id), enabled: id !== '' });

export const useAnswer = (id: string) => useQuery(getAnswerQueryOptions(id));

import type { MyQuestion } from '@contract/policy';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

/** My questions, newest first, with the centre's answers (only I see them). */
export const listMyQuestions = (): Promise<MyQuestion[]> => call('content', 'question.mine', {});

// Staff answer at any time: asked again whenever the page shows it.
export const getMyQuestionsQueryOptions = () =>
  queryOptions({ queryKey: policyKeys.myQuestions(), queryFn: listMyQuestions, staleTime: 0 });

/** `enabled`: only retirees and family members can ask. */
export const useMyQuestions = (enabled: boolean) => useQuery({ ...getMyQuestionsQueryOptions(), enabled });

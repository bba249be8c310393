import type { MyQuestion, PolicyInput } from '@contract/policy';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

export type AskInput = PolicyInput<'question.ask'>;

/** Ask the centre; `requestId` makes a retried tap ask once. */
export const askQuestion = (input: AskInput): Promise<MyQuestion> => call('content', 'question.ask', input);

export const useAskQuestion = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: askQuestion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKeys.myQuestions() }),
  });
};

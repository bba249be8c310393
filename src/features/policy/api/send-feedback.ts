import type { PolicyAnswerView } from '@contract/policy';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { policyKeys } from './keys';

export interface FeedbackInput {
  id: string;
  helpful: boolean;
  note?: string | null;
}

/** "Did this help?": one answer per person per answer; sending again changes it. */
export const sendFeedback = ({ id, helpful, note }: FeedbackInput) =>
  call('content', 'policy.feedback', { id, helpful, ...(note ? { note } : {}) });

export const useSendFeedback = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendFeedback,
    // The answer's page keeps showing my choice.
    onSuccess: (myFeedback, { id }) =>
      queryClient.setQueryData(policyKeys.detail(id), (old: PolicyAnswerView | undefined) => (old ? { ...old, myFeedback } : old)),
  });
};

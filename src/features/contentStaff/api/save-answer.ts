import type { PolicyAnswerStaff, PolicyInput } from '@contract/policy';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

export type SaveAnswerInput = PolicyInput<'policy.save'>;

/**
 * Staff: create an answer (a draft) or edit one; each edit keeps the version it replaces. A
 * retried requestId is applied once; a `version` someone has saved past answers CONFLICT.
 */
export const saveAnswer = (input: SaveAnswerInput): Promise<PolicyAnswerStaff> => call('content', 'policy.save', input);

export const useSaveAnswer = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveAnswer, onSuccess: () => queryClient.invalidateQueries({ queryKey: contentStaffKeys.answers }) });
};

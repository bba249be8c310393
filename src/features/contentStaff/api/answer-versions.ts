import type { ContentHistory, PolicyAnswerStaff } from '@contract/policy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: the versions an answer has had, newest first. */
export const answerVersions = (id: string): Promise<ContentHistory> => call('content', 'policy.versions', { id });

export const useAnswerVersions = (id: string) =>
  useQuery({ queryKey: contentStaffKeys.answerVersions(id), queryFn: () => answerVersions(id), refetchOnMount: 'always' });

/** Staff: make an earlier version current again (what it replaces is kept as a version too). */
export const restoreAnswer = (input: { id: string; version: number; requestId: string }): Promise<PolicyAnswerStaff> =>
  call('content', 'policy.restore', input);

export const useRestoreAnswer = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: restoreAnswer, onSuccess: () => queryClient.invalidateQueries({ queryKey: contentStaffKeys.answers }) });
};

import type { PolicyAnswerStaff } from '@contract/policy';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: publish now (`publishAt` null) or at a time ("2026-12-01 08:00"). */
export const publishAnswer = ({ id, publishAt }: { id: string; publishAt: string | null }): Promise<PolicyAnswerStaff> =>
  call('content', 'policy.publish', { id, publishAt });

/** Staff: take an answer down; residents no longer see or find it. It can be published again. */
export const unpublishAnswer = (id: string): Promise<PolicyAnswerStaff> => call('content', 'policy.unpublish', { id });

export const usePublishAnswer = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: publishAnswer, onSuccess: () => queryClient.invalidateQueries({ queryKey: contentStaffKeys.answers }) });
};

export const useUnpublishAnswer = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unpublishAnswer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contentStaffKeys.answers }),
  });
};

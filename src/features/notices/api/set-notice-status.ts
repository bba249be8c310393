import type { Notice, NoticeInput } from '@contract/notices';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

export type SetNoticeStatusInput = NoticeInput<'notice.setStatus'>;

/** Staff: publish a draft, or take a published notice down (it becomes a draft again). */
export const setNoticeStatus = (input: SetNoticeStatusInput): Promise<Notice> => call('content', 'notice.setStatus', input);

export const useSetNoticeStatus = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setNoticeStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
};

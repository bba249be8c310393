import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

/** Marks one notice read; answers the new unread count, which goes straight into the badge's cache. */
export const markNoticeRead = (id: string): Promise<{ unread: number }> => call('content', 'notice.markRead', { id });

export const useMarkNoticeRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNoticeRead,
    onSuccess: (data) => {
      queryClient.setQueryData(noticeKeys.unread(), data);
      return queryClient.invalidateQueries({ queryKey: noticeKeys.published() });
    },
  });
};

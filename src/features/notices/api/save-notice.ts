import type { Notice, NoticeInput } from '@contract/notices';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

export type SaveNoticeInput = NoticeInput<'notice.save'>;

/** Staff: create (no id) or edit a notice; `publish: true` publishes it in the same step. */
export const saveNotice = (input: SaveNoticeInput): Promise<Notice> => call('content', 'notice.save', input);

export const useSaveNotice = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
};

import type { Notice, NoticeInput } from '@contract/notices';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { useRefreshNotices } from './notices';

export type SaveNoticeInput = NoticeInput<'notice.save'>;

/**
 * Staff: create (no id) or edit a notice; `publish: true` publishes it in the same step (at
 * `publishAt` if that is still to come). A retried requestId makes one notice, or applies once.
 */
export const saveNotice = (input: SaveNoticeInput): Promise<Notice> => call('content', 'notice.save', input);

export const useSaveNotice = () => {
  const refresh = useRefreshNotices();
  return useMutation({ mutationFn: saveNotice, onSuccess: refresh });
};

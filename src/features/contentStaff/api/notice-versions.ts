import type { ContentHistory, Notice } from '@contract/notices';
import { useMutation, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';
import { useRefreshNotices } from './notices';

/** Staff: the versions a notice has had, newest first. */
export const noticeVersions = (id: string): Promise<ContentHistory> => call('content', 'notice.versions', { id });

export const useNoticeVersions = (id: string) =>
  useQuery({ queryKey: contentStaffKeys.noticeVersions(id), queryFn: () => noticeVersions(id), refetchOnMount: 'always' });

/** Staff: an earlier version's words, files, pin and audience become current again; status and times stay. */
export const restoreNotice = (input: { id: string; version: number; requestId: string }): Promise<Notice> =>
  call('content', 'notice.restore', input);

export const useRestoreNotice = () => {
  const refresh = useRefreshNotices();
  return useMutation({ mutationFn: restoreNotice, onSuccess: refresh });
};

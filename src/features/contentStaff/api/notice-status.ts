import type { Notice } from '@contract/notices';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { useRefreshNotices } from './notices';

/** Staff: publish (at its own publish-at if one is set and still to come) or take a notice down. */
export const setStaffNoticeStatus = ({ id, status }: { id: string; status: 'published' | 'unpublished' }): Promise<Notice> =>
  call('content', 'notice.setStatus', { id, status });

export const useSetStaffNoticeStatus = () => {
  const refresh = useRefreshNotices();
  return useMutation({ mutationFn: setStaffNoticeStatus, onSuccess: refresh });
};

import { useQueryClient } from '@tanstack/react-query';
import { noticeKeys } from '@/features/notices/api/keys';
import { contentStaffKeys } from './keys';

/** After a staff change: the console's notice lists and previews, and the residents' pages in this app. */
export function useRefreshNotices() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contentStaffKeys.notices }),
      queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
    ]);
}

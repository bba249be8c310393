import type { NoticePage } from '@contract/notices';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: every notice, drafts included, newest edit first, each with where it stands now. */
export const listStaffNotices = (page = 1): Promise<NoticePage> => call('content', 'notice.listAll', { page });

export const getStaffNoticesQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: contentStaffKeys.noticeList(),
    queryFn: ({ pageParam }) => listStaffNotices(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: NoticePage) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useStaffNotices = () => useInfiniteQuery({ ...getStaffNoticesQueryOptions(), refetchOnMount: 'always' });

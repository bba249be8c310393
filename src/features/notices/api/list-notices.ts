import type { NoticePage } from '@contract/notices';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

/** Published notices, pinned first, newest next. */
export const listNotices = (page = 1): Promise<NoticePage> => call('content', 'notice.list', { page });

export const getNoticesQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: noticeKeys.published(),
    queryFn: ({ pageParam }) => listNotices(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: NoticePage) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useNotices = () => useInfiniteQuery(getNoticesQueryOptions());

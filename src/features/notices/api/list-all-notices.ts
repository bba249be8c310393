import type { NoticePage } from '@contract/notices';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

/** Staff: every notice including drafts, newest edit first. */
export const listAllNotices = (page = 1): Promise<NoticePage> => call('content', 'notice.listAll', { page });

export const getAllNoticesQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: noticeKeys.everything(),
    queryFn: ({ pageParam }) => listAllNotices(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: NoticePage) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useAllNotices = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useInfiniteQuery({ ...getAllNoticesQueryOptions(), enabled });

import type { Page, QueueItem } from '@contract/accounts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { familyKeys } from '@/features/family/api/keys';
import { call } from '@/services/cloud';

/** Staff: requests to help an elder that wait for approval in my streets, oldest first. */
export const listLinkQueue = (page = 1): Promise<Page<QueueItem>> => call('account', 'family.queue', { page });

export const getLinkQueueQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: familyKeys.queue(),
    staleTime: 0, // new requests arrive all the time
    queryFn: ({ pageParam }) => listLinkQueue(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: Page<QueueItem>) => (last.hasMore ? last.page + 1 : undefined),
  });

export const useLinkQueue = () => useInfiniteQuery(getLinkQueueQueryOptions());

import type { CallerRole } from '@contract/envelope';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

/** How many live notices for me I have not opened (the home tile's badge). */
export const getUnreadCount = (): Promise<{ unread: number }> => call('content', 'notice.unreadCount', {});

export const getUnreadCountQueryOptions = () => queryOptions({ queryKey: noticeKeys.unread(), queryFn: getUnreadCount, staleTime: 30_000 });

/** Reads are kept per sign-in: someone not signed in has no count. */
export const canCountUnread = (role: CallerRole | undefined) => !!role && role !== 'anonymous';

export const useUnreadCount = (role: CallerRole | undefined) =>
  useQuery({ ...getUnreadCountQueryOptions(), enabled: canCountUnread(role) });

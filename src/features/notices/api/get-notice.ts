import type { Notice } from '@contract/notices';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { noticeKeys } from './keys';

export const getNotice = (id: string): Promise<Notice> => call('content', 'notice.get', { id });

export const getNoticeQueryOptions = (id: string) =>
  queryOptions({ queryKey: noticeKeys.detail(id), queryFn: () => getNotice(id), enabled: id !== '' });

export const useNotice = (id: string) => useQuery(getNoticeQueryOptions(id));

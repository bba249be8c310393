import type { Notice } from '@contract/notices';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: one notice whatever its state (drafts too), with its files' download links. */
export const getStaffNotice = (id: string): Promise<Notice> => call('content', 'notice.get', { id });

export const useStaffNotice = (id: string) =>
  useQuery({ queryKey: [...contentStaffKeys.notices, 'one', id], queryFn: () => getStaffNotice(id), refetchOnMount: 'always' });

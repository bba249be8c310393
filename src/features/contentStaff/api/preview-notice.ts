import type { NoticePreview } from '@contract/notices';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: a notice (or one of its earlier versions) as a retiree would see it, with its files' download links. */
export const previewNotice = (id: string, version?: number): Promise<NoticePreview> =>
  call('content', 'notice.preview', version ? { id, version } : { id });

export const useNoticePreview = (id: string, version?: number) =>
  useQuery({ queryKey: contentStaffKeys.noticePreview(id, version), queryFn: () => previewNotice(id, version), refetchOnMount: 'always' });

import type { PolicyPreview } from '@contract/policy';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { contentStaffKeys } from './keys';

/** Staff: an answer (or one of its earlier versions) exactly as a retiree would see it, and whether they can now. */
export const previewAnswer = (id: string, version?: number): Promise<PolicyPreview> =>
  call('content', 'policy.preview', version ? { id, version } : { id });

export const useAnswerPreview = (id: string, version?: number) =>
  useQuery({ queryKey: contentStaffKeys.answerPreview(id, version), queryFn: () => previewAnswer(id, version), refetchOnMount: 'always' });

import type { MatchJob } from '@contract/comparison';
import { type FileJobState, useFileJob } from '@/lib/useFileJob';
import { call } from '@/services/cloud';
import { comparisonKeys } from './keys';

export const startMatch = (fileId: string, fileName: string, requestId: string) =>
  call('comparison', 'match.start', { fileId, fileName, requestId });
export const runMatch = (jobId: string) => call('comparison', 'match.run', { jobId });

export type MatchState = FileJobState<MatchJob>;

/** Upload an evidence file and follow the comparison to its end (see useFileJob). */
export const useMatchFile = () =>
  useFileJob<MatchJob>({
    folder: 'comparison-uploads',
    start: startMatch,
    run: runMatch,
    listKey: comparisonKeys.all,
    resumeHint: '已比对的不会丢，稍后点"继续比对"即可接着做。',
  });

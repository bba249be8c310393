import type { ImportJob } from '@contract/roster';
import { type FileJobState, useFileJob } from '@/lib/useFileJob';
import { call } from '@/services/cloud';
import { importKeys } from './keys';

export const startImport = (fileID: string, fileName: string, requestId: string) =>
  call('roster', 'import.start', { fileID, fileName, requestId });
export const runImport = (jobId: string) => call('roster', 'import.run', { jobId });

export type ImportState = FileJobState<ImportJob>;

/** Upload the roster file and follow the import to its end (see useFileJob). */
export const useRosterImport = () =>
  useFileJob<ImportJob>({
    folder: 'roster-uploads',
    start: startImport,
    run: runImport,
    listKey: importKeys.all,
    resumeHint: '已导入的不会丢，稍后点"继续导入"即可接着做。',
  });

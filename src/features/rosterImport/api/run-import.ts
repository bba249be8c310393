import type { ImportJob } from '@contract/roster';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '@/services/cloud';
import { messageOf } from '@/services/cloudError';
import type { PickedFile } from '@/services/pickFile';
import { uploadFile } from '@/services/storage';
import { importKeys } from './keys';

export const startImport = (fileID: string, fileName: string, requestId: string) =>
  call('roster', 'import.start', { fileID, fileName, requestId });
export const runImport = (jobId: string) => call('roster', 'import.run', { jobId });

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string }
  | { kind: 'running'; job: ImportJob }
  | { kind: 'finished'; job: ImportJob }
  | { kind: 'error'; message: string; job: ImportJob | null };

const newRequestId = () => `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const ended = (job: ImportJob) => job.phase === 'done' || job.phase === 'failed';

/**
 * Upload → start → call `import.run` until the job ends, keeping the latest progress.
 * A failed call is retried (the job is safe to resume); after three failures in a row it
 * stops and says so, and `resume` carries on from where the job is.
 */
export function useRosterImport() {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const alive = useRef(true);
  const queryClient = useQueryClient();
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const drive = useCallback(
    async (first: ImportJob) => {
      let job = first;
      let failures = 0;
      setState({ kind: 'running', job });
      while (alive.current && !ended(job)) {
        try {
          job = await runImport(job.id);
          failures = 0;
          if (alive.current) setState({ kind: 'running', job });
        } catch (e) {
          if (++failures >= 3) {
            if (alive.current) setState({ kind: 'error', message: `${messageOf(e)}。已导入的不会丢，稍后点"继续导入"即可接着做。`, job });
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * failures));
        }
      }
      if (!alive.current) return;
      setState({ kind: 'finished', job });
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
    [queryClient],
  );

  const start = useCallback(
    async (file: PickedFile) => {
      setState({ kind: 'uploading', fileName: file.name });
      try {
        const ext = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const fileID = await uploadFile(`roster-uploads/${Date.now().toString(36)}.${ext}`, file.source);
        const requestId = newRequestId();
        // A retried start (a dropped reply) returns the same job, never a second one.
        let job: ImportJob | null = null;
        for (let i = 0; i < 3 && !job; i++) {
          try {
            job = await startImport(fileID, file.name, requestId);
          } catch (e) {
            if (i === 2) throw e;
          }
        }
        await drive(job as ImportJob);
      } catch (e) {
        if (alive.current) setState({ kind: 'error', message: messageOf(e), job: null });
      }
    },
    [drive],
  );

  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, start, resume: drive, reset };
}

import type { MatchJob } from '@contract/comparison';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '@/services/cloud';
import { messageOf } from '@/services/cloudError';
import type { PickedFile } from '@/services/pickFile';
import { uploadFile } from '@/services/storage';
import { comparisonKeys } from './keys';

export const startMatch = (fileId: string, fileName: string, requestId: string) =>
  call('comparison', 'match.start', { fileId, fileName, requestId });
export const runMatch = (jobId: string) => call('comparison', 'match.run', { jobId });

export type MatchState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string }
  | { kind: 'running'; job: MatchJob }
  | { kind: 'finished'; job: MatchJob }
  | { kind: 'error'; message: string; job: MatchJob | null };

const newRequestId = () => `cmp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const ended = (job: MatchJob) => job.phase === 'done' || job.phase === 'failed';

/**
 * Upload → start → call `match.run` until the job ends, keeping the latest progress (as the
 * roster import does). A failed call is retried (the job is safe to resume); after three
 * failures in a row it stops and says so, and `resume` carries on from where the job is.
 */
export function useMatchFile() {
  const [state, setState] = useState<MatchState>({ kind: 'idle' });
  const alive = useRef(true);
  const queryClient = useQueryClient();
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const drive = useCallback(
    async (first: MatchJob) => {
      let job = first;
      let failures = 0;
      setState({ kind: 'running', job });
      while (alive.current && !ended(job)) {
        try {
          job = await runMatch(job.id);
          failures = 0;
          if (alive.current) setState({ kind: 'running', job });
        } catch (e) {
          if (++failures >= 3) {
            if (alive.current) setState({ kind: 'error', message: `${messageOf(e)}。已比对的不会丢，稍后点"继续比对"即可接着做。`, job });
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * failures));
        }
      }
      if (!alive.current) return;
      setState({ kind: 'finished', job });
      void queryClient.invalidateQueries({ queryKey: comparisonKeys.all });
    },
    [queryClient],
  );

  const start = useCallback(
    async (file: PickedFile) => {
      setState({ kind: 'uploading', fileName: file.name });
      try {
        const ext = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const fileId = await uploadFile(`comparison-uploads/${Date.now().toString(36)}.${ext}`, file.source);
        const requestId = newRequestId();
        // A retried start (a dropped reply) returns the same job, never a second one.
        let job: MatchJob | null = null;
        for (let i = 0; i < 3 && !job; i++) {
          try {
            job = await startMatch(fileId, file.name, requestId);
          } catch (e) {
            if (i === 2) throw e;
          }
        }
        await drive(job as MatchJob);
      } catch (e) {
        if (alive.current) setState({ kind: 'error', message: messageOf(e), job: null });
      }
    },
    [drive],
  );

  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, start, resume: drive, reset };
}

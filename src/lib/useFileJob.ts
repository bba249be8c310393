import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newRequestId } from '@/lib/requestId';
import { messageOf } from '@/services/cloudError';
import type { PickedFile } from '@/services/pickFile';
import { uploadFile } from '@/services/storage';

/** A server job over an uploaded file (roster import, comparison), as the page follows it. */
export interface FileJob {
  id: string;
  phase: string;
}

export type FileJobState<J extends FileJob> =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string }
  | { kind: 'running'; job: J }
  | { kind: 'finished'; job: J }
  | { kind: 'error'; message: string; job: J | null };

export interface FileJobSpec<J extends FileJob> {
  /** Storage folder for the upload, e.g. 'roster-uploads'. */
  folder: string;
  start: (fileId: string, fileName: string, requestId: string) => Promise<J>;
  run: (jobId: string) => Promise<J>;
  /** Query key to refresh when a job ends (the list of recent jobs). */
  listKey: readonly unknown[];
  /** Said after a call failed three times: that nothing is lost and how to carry on. */
  resumeHint: string;
}

const ended = (job: FileJob) => job.phase === 'done' || job.phase === 'failed';

/**
 * Upload → start → call `run` until the job ends, keeping the latest progress. A failed call
 * is retried (the job is safe to resume); after three failures in a row it stops and says so,
 * and `resume` carries on from where the job is.
 */
export function useFileJob<J extends FileJob>(spec: FileJobSpec<J>) {
  const [state, setState] = useState<FileJobState<J>>({ kind: 'idle' });
  const alive = useRef(true);
  const queryClient = useQueryClient();
  const specRef = useRef(spec);
  specRef.current = spec;
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const drive = useCallback(
    async (first: J) => {
      const { run, resumeHint, listKey } = specRef.current;
      let job = first;
      let failures = 0;
      setState({ kind: 'running', job });
      while (alive.current && !ended(job)) {
        try {
          job = await run(job.id);
          failures = 0;
          if (alive.current) setState({ kind: 'running', job });
        } catch (e) {
          if (++failures >= 3) {
            if (alive.current) setState({ kind: 'error', message: `${messageOf(e)}。${resumeHint}`, job });
            return;
          }
          await new Promise((r) => setTimeout(r, 1000 * failures));
        }
      }
      if (!alive.current) return;
      setState({ kind: 'finished', job });
      void queryClient.invalidateQueries({ queryKey: listKey });
    },
    [queryClient],
  );

  const start = useCallback(
    async (file: PickedFile) => {
      const { folder, start: startJob } = specRef.current;
      setState({ kind: 'uploading', fileName: file.name });
      try {
        const ext = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
        const fileId = await uploadFile(`${folder}/${Date.now().toString(36)}.${ext}`, file.source);
        const requestId = newRequestId();
        // A retried start (a dropped reply) returns the same job, never a second one.
        let job: J | null = null;
        for (let i = 0; i < 3 && !job; i++) {
          try {
            job = await startJob(fileId, file.name, requestId);
          } catch (e) {
            if (i === 2) throw e;
          }
        }
        await drive(job as J);
      } catch (e) {
        if (alive.current) setState({ kind: 'error', message: messageOf(e), job: null });
      }
    },
    [drive],
  );

  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, start, resume: drive, reset };
}

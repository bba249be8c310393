import { cloud, db } from './cloud';
import { now } from './time';

/**
 * The files a long job (a roster import, a comparison file) leaves in cloud storage, removed
 * once the job has ended.
 *
 * The spreadsheet staff uploaded holds whole ID numbers (the roster, or civil affairs' and
 * public security's records), which the product otherwise keeps only encrypted: it is
 * deleted as soon as the job is done or has failed, together with the job's own working files
 * (the skip list, read parts, people buckets, report parts). The reports staff download stay:
 * they are masked. The job records `filesRemovedAt`; until then, its next visit (a page still
 * polling) or the daily run tries again, so a crash between the end and the removal only
 * delays it. The daily run also ends a job nobody has worked on for `STALE_DAYS` days, so an
 * abandoned upload does not sit in storage for ever.
 *
 * The uploaded file is named by the client, so it is only deleted from its own upload folder
 * (never, say, a notice's attachment passed as a "roster"), and not while another unfinished
 * job still reads the same file.
 */
export const UPLOAD_FOLDERS = { roster: 'roster-uploads/', comparison: 'comparison-uploads/' } as const;
export const STALE_DAYS = 7;
const BATCH = 50;

/** The path of a `cloud://<env>.<bucket>/<path>` file ID, or null. */
export function cloudPathOf(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return m && !m[1].split('/').some((s) => s === '..' || s === '.' || s === '') ? m[1] : null;
}

/** Deletes the files; true when every one is gone (deleted now, or already missing). */
export async function removeFiles(fileIds: string[]): Promise<boolean> {
  const list = [...new Set(fileIds.filter(Boolean))];
  let allGone = true;
  for (let i = 0; i < list.length; i += BATCH) {
    const res = (await cloud().deleteFile({ fileList: list.slice(i, i + BATCH) })) as { fileList: Array<{ code?: string }> };
    for (const f of res.fileList) if (f.code && f.code !== 'SUCCESS' && f.code !== 'STORAGE_FILE_NONEXIST') allGone = false;
  }
  return allGone;
}

export interface EndedJob {
  _id: string;
  phase: string;
  filesRemovedAt?: Date | null;
}

/**
 * Once a job has ended: its uploaded source (if it is in `folder` and no unfinished job of the
 * collection reads it too) and its working files deleted, and the job marked. Safe to repeat.
 */
export async function tidyEndedJob(
  collection: string,
  job: EndedJob,
  source: { field: string; fileId: string; folder: string },
  workFiles: string[],
): Promise<boolean> {
  if ((job.phase !== 'done' && job.phase !== 'failed') || job.filesRemovedAt) return false;
  const _ = db().command;
  const files = [...workFiles];
  if (cloudPathOf(source.fileId)?.startsWith(source.folder)) {
    const { total } = (await db()
      .collection(collection)
      .where({ [source.field]: source.fileId, phase: _.nin(['done', 'failed']) })
      .count()) as { total: number };
    if (total === 0) files.push(source.fileId);
  }
  if (!(await removeFiles(files))) return false;
  const res = (await db().collection(collection).where({ _id: job._id, filesRemovedAt: null }).update({ filesRemovedAt: now() })) as {
    updated: number;
  };
  return res.updated === 1;
}

/**
 * For the daily run: ends jobs untouched for STALE_DAYS (with `failure` for the page), and
 * tidies up to `limit` ended jobs not yet tidied. `tidy` is the collection's own tidyEndedJob call.
 */
export async function sweepJobs<J extends EndedJob & { updatedAt: Date }>(
  collection: string,
  staleFailure: string,
  tidy: (job: J) => Promise<boolean>,
  limit = 100,
): Promise<{ ended: number; tidied: number }> {
  const _ = db().command;
  const col = db().collection(collection);
  const at = now();
  const cutoff = new Date(at.getTime() - STALE_DAYS * 86_400_000);
  const stale = (await col
    .where({ phase: _.nin(['done', 'failed']), updatedAt: _.lt(cutoff), leaseUntil: _.lt(new Date()) })
    .update({ phase: 'failed', failure: staleFailure, finishedAt: at, updatedAt: at })) as { updated: number };
  const { data } = await col
    .where({ phase: _.in(['done', 'failed']), filesRemovedAt: null })
    .limit(limit)
    .get();
  let tidied = 0;
  for (const job of data as J[]) if (await tidy(job)) tidied++;
  return { ended: stale.updated, tidied };
}

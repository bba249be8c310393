import type { ImportJob, ImportPhase } from '../../contract/roster';
import { IMPORT_MAX_BYTES } from '../../contract/roster';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { cloud, db } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/errors';
import { tidyEndedJob, UPLOAD_FOLDERS } from '../_lib/jobFiles';
import { claimJob, jobTiming, leaseEnd, releaseJob } from '../_lib/jobLease';
import { hashPii } from '../_lib/pii';
import { pii, retirees, rosterFields } from '../_lib/retirees';
import { safeCell } from '../_lib/tableFile';
import { now } from '../_lib/time';
import { FileProblem, readRoster, type SourceRow } from './readFile';
import { type RosterRecord, validateRow } from './rows';

/**
 * A roster import is a job in `import_jobs`, worked on in slices by `import.run` (each
 * well inside the function's time limit), by whoever calls it next — the page showing
 * the progress bar, or a later call after a crash.
 *
 * 1. validate: read the whole file once, check every row, find repeated ID numbers, write
 *    the error report and the list of rows to skip to cloud storage.
 * 2. write: from `cursor`, 500 rows at a time: insert new people, update changed ones,
 *    leave unchanged ones alone. The chunk's counts and the new cursor are saved in one
 *    update that only succeeds if the cursor is still where this slice found it, so a
 *    chunk is counted once even if it is written twice (after a crash, or by two callers).
 *    Rows written by this job are marked with its id, which is how a re-written chunk
 *    counts the same as the first time: totals after a crash equal an undisturbed run.
 * A lease (renewed every chunk) keeps two callers from doing the same work at once.
 */
export interface JobDoc {
  _id: string;
  requestKey: string;
  fileID: string;
  fileName: string;
  createdBy: string | null;
  phase: ImportPhase;
  total: number | null;
  valid: number;
  invalid: number;
  cursor: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  sampleErrors: ImportJob['sampleErrors'];
  errorReportFileID: string | null;
  skipFileID: string | null;
  failure: string | null;
  leaseUntil: Date;
  leaseOwner: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  /** When the uploaded file and the skip list were deleted (after the job ended; see _lib/jobFiles.ts). */
  filesRemovedAt?: Date | null;
}

const CHUNK = 500;
const SAMPLE_ERRORS = 20;
/** Work per call, and how long a caller's claim lasts without renewal (renewed every chunk). */
const { stepMs, leaseMs } = jobTiming('IMPORT');

export const jobs = () => db().collection(COLLECTIONS.importJobs);

export async function getJob(id: string): Promise<JobDoc | null> {
  const { data } = await jobs().doc(id).get();
  return (data[0] as JobDoc | undefined) ?? null;
}

export async function toImportJob(d: JobDoc): Promise<ImportJob> {
  let errorReportUrl: string | null = null;
  if (d.errorReportFileID) {
    const res = (await cloud().getTempFileURL({ fileList: [d.errorReportFileID] })) as { fileList: Array<{ tempFileURL?: string }> };
    errorReportUrl = res.fileList[0]?.tempFileURL || null;
  }
  return {
    id: d._id,
    fileName: d.fileName,
    phase: d.phase,
    total: d.total,
    valid: d.valid,
    invalid: d.invalid,
    processed: d.processed,
    inserted: d.inserted,
    updated: d.updated,
    unchanged: d.unchanged,
    sampleErrors: d.sampleErrors,
    errorReportUrl,
    failure: d.failure,
    createdAt: new Date(d.createdAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
  };
}

// A warm instance keeps the last file it read: slices of one job read it many times.
let fileCache: { fileID: string; buf: Buffer } | null = null;
async function download(fileID: string): Promise<Buffer> {
  if (fileCache?.fileID === fileID) return fileCache.buf;
  let buf: Buffer;
  try {
    buf = ((await cloud().downloadFile({ fileID })) as { fileContent: Buffer }).fileContent;
  } catch {
    throw new FileProblem('上传的文件找不到了，请重新上传');
  }
  if (buf.length > IMPORT_MAX_BYTES) throw new FileProblem(`文件太大了（超过 ${IMPORT_MAX_BYTES / 2 ** 20} MB），请分成几个文件导入`);
  fileCache = { fileID, buf };
  return buf;
}

let skipCache: { jobId: string; rows: Set<number> } | null = null;
async function skipped(job: JobDoc): Promise<Set<number>> {
  if (skipCache?.jobId === job._id) return skipCache.rows;
  const rows = job.skipFileID ? new Set<number>(JSON.parse((await readSmallFile(job.skipFileID)).toString('utf8'))) : new Set<number>();
  skipCache = { jobId: job._id, rows };
  return rows;
}
/** A small file of the job's own (not cached: the cache holds the roster). */
const readSmallFile = async (fileID: string) => ((await cloud().downloadFile({ fileID })) as { fileContent: Buffer }).fileContent;

/** Once the job has ended: the uploaded roster (whole ID numbers) and the skip list deleted. */
export const tidyImport = (job: JobDoc) =>
  tidyEndedJob(
    COLLECTIONS.importJobs,
    job,
    { field: 'fileID', fileId: job.fileID, folder: UPLOAD_FOLDERS.roster },
    job.skipFileID ? [job.skipFileID] : [],
  );

/** One slice of work on a job; returns the job as it stands after (its files removed once it has ended). */
export async function runSlice(jobId: string, caller: Caller): Promise<JobDoc | null> {
  const job = await workSlice(jobId, caller);
  if (job && (job.phase === 'done' || job.phase === 'failed') && !job.filesRemovedAt) {
    if (fileCache?.fileID === job.fileID) fileCache = null;
    // A storage fault here must not fail the call that finished the job: the daily run tidies up.
    const tidied = await tidyImport(job).catch((e) => {
      console.error(`[jobs] ${jobId}: files left for the daily run:`, e instanceof Error ? e.message : e);
      return false;
    });
    if (tidied) return getJob(jobId);
  }
  return job;
}

async function workSlice(jobId: string, caller: Caller): Promise<JobDoc | null> {
  const job = await getJob(jobId);
  if (!job || job.phase === 'done' || job.phase === 'failed') return job;
  const owner = await claimJob(COLLECTIONS.importJobs, job._id, leaseMs());
  if (!owner) return job;
  const deadline = Date.now() + stepMs();
  try {
    // Validation is a slice of its own, so the page can show what was found before writing starts.
    if (job.phase === 'validate') await validate(job, owner);
    else if (job.phase === 'write') await write(job, owner, deadline, caller);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    await jobs()
      .where({ _id: jobId, leaseOwner: owner })
      .update({ phase: 'failed', failure: e.message, finishedAt: now(), updatedAt: now() });
  } finally {
    await releaseJob(COLLECTIONS.importJobs, jobId, owner);
  }
  return getJob(jobId);
}

async function validate(job: JobDoc, owner: string) {
  const buf = await download(job.fileID);
  const today = shanghaiDay(now());
  const firstRow = new Map<string, number>();
  const skip: number[] = [];
  const report: string[] = [];
  const sample: ImportJob['sampleErrors'] = [];
  let total = 0;
  let invalid = 0;
  for await (const { rowNumber, raw } of readRoster(buf, job.fileName)) {
    const k = total++;
    const result = validateRow(raw, today);
    const problems = result.ok ? [] : result.problems;
    if (result.ok) {
      const first = firstRow.get(result.record.idNumber);
      if (first !== undefined) problems.push({ column: '身份证号', problem: `与第${first}行的身份证号重复` });
      else firstRow.set(result.record.idNumber, rowNumber);
    }
    if (!problems.length) continue;
    invalid++;
    skip.push(k);
    const name = String(raw.姓名 ?? '').slice(0, 20);
    for (const p of problems) {
      // The report names the row and the person, never a whole ID number.
      report.push([String(rowNumber), name, p.column, p.problem].map(safeCell).join(','));
      if (sample.length < SAMPLE_ERRORS) sample.push({ row: rowNumber, column: p.column, problem: p.problem });
    }
  }
  if (total === 0) throw new FileProblem('文件里只有表头，没有人员数据');
  const base = `roster-imports/${job._id}`;
  let errorReportFileID: string | null = null;
  let skipFileID: string | null = null;
  if (report.length) {
    const csv = `\ufeff${['行号', '姓名', '列', '问题'].join(',')}\r\n${report.join('\r\n')}\r\n`;
    errorReportFileID = (
      (await cloud().uploadFile({ cloudPath: `${base}/errors.csv`, fileContent: Buffer.from(csv, 'utf8') })) as { fileID: string }
    ).fileID;
    skipFileID = (
      (await cloud().uploadFile({ cloudPath: `${base}/skip.json`, fileContent: Buffer.from(JSON.stringify(skip)) })) as { fileID: string }
    ).fileID;
  }
  skipCache = { jobId: job._id, rows: new Set(skip) };
  await jobs()
    .where({ _id: job._id, phase: 'validate', leaseOwner: owner })
    .update({
      phase: 'write',
      total,
      valid: total - invalid,
      invalid,
      cursor: 0,
      sampleErrors: sample,
      errorReportFileID,
      skipFileID,
      leaseUntil: leaseEnd(leaseMs()),
      updatedAt: now(),
    });
}

/**
 * A warm instance keeps its place in the file between slices of the same job, so the next
 * slice does not parse the file again from the top to find where it left off (on a
 * 600,000-row file that costs seconds per slice). Any doubt — another job, another cursor —
 * and it starts a fresh reader.
 */
let openReader: { jobId: string; k: number; rows: AsyncGenerator<SourceRow> } | null = null;

async function readerAt(job: JobDoc, cursor: number) {
  if (openReader?.jobId === job._id && openReader.k === cursor) return openReader;
  const reader = { jobId: job._id, k: 0, rows: readRoster(await download(job.fileID), job.fileName) };
  while (reader.k < cursor) {
    if ((await reader.rows.next()).done) break;
    reader.k++;
  }
  return reader;
}

async function write(job: JobDoc, owner: string, deadline: number, caller: Caller) {
  const _ = db().command;
  const skip = await skipped(job);
  const today = shanghaiDay(now());
  let cursor = job.cursor;
  const reader = await readerAt(job, cursor);
  openReader = null; // this slice's now; kept again below only if the slice ends cleanly at a chunk boundary
  let end = false;
  while (!end) {
    const batch: RosterRecord[] = [];
    let taken = 0;
    while (taken < CHUNK) {
      const next = await reader.rows.next();
      if (next.done) {
        end = true;
        break;
      }
      const index = reader.k++;
      taken++;
      if (skip.has(index)) continue;
      const result = validateRow(next.value.raw, today);
      if (result.ok) batch.push(result.record);
    }
    if (taken === 0 && end) break;
    const counts = await writeChunk(batch, job._id);
    const res = (await jobs()
      .where({ _id: job._id, cursor, leaseOwner: owner })
      .update({
        cursor: cursor + taken,
        processed: _.inc(batch.length),
        inserted: _.inc(counts.inserted),
        updated: _.inc(counts.updated),
        unchanged: _.inc(counts.unchanged),
        leaseUntil: leaseEnd(leaseMs()),
        updatedAt: now(),
      })) as { updated: number };
    if (res.updated !== 1) return; // someone else took over: their counts stand
    cursor += taken;
    if (!end && Date.now() > deadline) {
      openReader = reader; // positioned at the new cursor, for this job's next slice
      return;
    }
  }
  const done = (await jobs()
    .where({ _id: job._id, phase: 'write', leaseOwner: owner })
    .update({ phase: 'done', finishedAt: now(), updatedAt: now() })) as { updated: number };
  if (done.updated === 1) {
    const fresh = (await getJob(job._id)) as JobDoc;
    await audit(caller, {
      action: 'roster.import',
      target: { collection: COLLECTIONS.importJobs, id: job._id },
      detail: {
        fileName: job.fileName,
        total: fresh.total,
        inserted: fresh.inserted,
        updated: fresh.updated,
        unchanged: fresh.unchanged,
        invalid: fresh.invalid,
      },
    });
  }
}

interface Existing {
  _id: string;
  idHash: string;
  factsHash?: string;
  createdByJob?: string | null;
  updatedByJob?: string | null;
  lastCertifiedAt?: string | null;
}

/** Insert the new, update the changed, count the rest; safe to run twice on the same rows. */
async function writeChunk(records: RosterRecord[], jobId: string) {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  if (!records.length) return counts;
  const keys = pii();
  const byHash = new Map(records.map((r) => [hashPii(keys, 'id', r.idNumber), r]));
  const existing = await findExisting([...byHash.keys()]);
  const fresh = [...byHash.entries()].filter(([h]) => !existing.has(h));
  const at = now();
  const newDoc = (r: RosterRecord) => ({
    ...rosterFields(keys, r),
    boundUserId: null,
    helperCount: 0,
    createdByJob: jobId,
    updatedByJob: null,
    createdAt: at,
    updatedAt: at,
  });
  if (fresh.length) {
    try {
      await retirees().add(fresh.map(([, r]) => newDoc(r)));
      counts.inserted += fresh.length;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Some were inserted meanwhile (or by a part-done earlier try): one at a time.
      for (const [h, r] of fresh) {
        try {
          await retirees().add(newDoc(r));
          counts.inserted++;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          const again = await findExisting([h]);
          existing.set(h, again.get(h) as Existing);
        }
      }
    }
  }
  const updates: Array<() => Promise<void>> = [];
  for (const [h, r] of byHash) {
    const doc = existing.get(h);
    if (!doc) continue;
    if (doc.createdByJob === jobId) counts.inserted++;
    else if (doc.updatedByJob === jobId) counts.updated++;
    else {
      const fields = rosterFields(keys, r);
      if (doc.factsHash === fields.factsHash) counts.unchanged++;
      else {
        counts.updated++;
        const { idHash: _h, ...rest } = fields;
        // A certification recorded since the file was made is not rolled back by it.
        const last =
          [doc.lastCertifiedAt ?? null, r.lastCertifiedAt]
            .filter((x): x is string => !!x)
            .sort()
            .pop() ?? null;
        updates.push(async () => {
          await retirees()
            .doc(doc._id)
            .update({ ...rest, lastCertifiedAt: last, updatedByJob: jobId, updatedAt: at });
        });
      }
    }
  }
  for (let i = 0; i < updates.length; i += 8) await Promise.all(updates.slice(i, i + 8).map((u) => u()));
  return counts;
}

async function findExisting(hashes: string[]): Promise<Map<string, Existing>> {
  const _ = db().command;
  const { data } = await retirees()
    .where({ idHash: _.in(hashes) })
    .field({ _id: true, idHash: true, factsHash: true, createdByJob: true, updatedByJob: true, lastCertifiedAt: true })
    .limit(1000)
    .get();
  return new Map((data as Existing[]).map((d) => [d.idHash, d]));
}

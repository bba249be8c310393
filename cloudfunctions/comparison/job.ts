import { EMPTY_COUNTS, MATCH_MAX_BYTES, type MatchCounts, type MatchJob, type MatchPhase } from '../../contract/comparison';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { certificationRules } from '../_lib/certificationRules';
import { cloud, db } from '../_lib/cloud';
import { tidyEndedJob, UPLOAD_FOLDERS } from '../_lib/jobFiles';
import { claimJob, jobTiming, leaseEnd, releaseJob } from '../_lib/jobLease';
import { pii } from '../_lib/retirees';
import { FileProblem, readTable } from '../_lib/tableFile';
import { now } from '../_lib/time';
import { EVIDENCE_TABLE, evidenceRowChecker } from './evidenceRows';
import { matchChunk, type Person } from './matchChunk';
import { maskLoose, REPORT_HEADER, reportLine } from './report';

/**
 * A comparison job in `match_jobs`, worked on in slices by `match.run` (like the roster
 * import: see roster/job.ts and _lib/jobLease.ts), by whoever calls next.
 *
 * 1. read: the whole file once — every row checked (ID number, known source, day), the ID
 *    hashed, and the rows gathered per person: the latest day per source, the stop record,
 *    the names used. In slices: a slice reads on from `readRows` until its time is up and
 *    leaves what it gathered in storage as one part per bucket (the first hex digit of the
 *    hash: 16 buckets), so no later call has to hold the whole file's people at once. Hashes
 *    and masked IDs only, never a whole number; the invalid rows go to the report's first parts.
 * 2. merge: one bucket per step — its parts from every read slice merged per person, sorted by
 *    hash, stored. The buckets in order are the people sorted by hash (`peopleEnds` marks where
 *    each ends), so the match cursor runs through them one after another.
 * 3. match: 1,000 people at a time (one roster query), decided and written (matchChunk.ts);
 *    the chunk's counts, report lines and the new cursor are committed in one update that
 *    only succeeds if the cursor is still where the slice found it. Every write of a chunk is
 *    idempotent (keyed certifications, forward-only days, stops set once), and a chunk
 *    re-done after a crash recognises this job's own writes, so it counts the same.
 * 4. report: the parts joined into one CSV to download.
 *
 * Evidence counts as of the day the job started (`day`), so a job that runs past midnight,
 * or is resumed the next morning, decides every person by the same calendar.
 */
export interface MatchJobDoc {
  _id: string;
  requestKey: string;
  fileId: string;
  fileName: string;
  createdBy: string | null;
  streets: 'all' | string[];
  day: string;
  phase: MatchPhase;
  rows: number | null;
  invalidRows: number;
  people: number | null;
  cursor: number;
  processed: number;
  unmatched: number;
  counts: MatchCounts;
  byStreet: Record<string, Partial<MatchCounts>>;
  sampleProblems: MatchJob['sampleProblems'];
  /** Rows read so far (valid or not), and per read slice the storage file of each bucket's people ('' if none). */
  readRows?: number;
  readParts?: string[][];
  /** The next bucket to merge; per merged bucket its sorted people ('' if none) and the running count at its end. */
  mergeBucket?: number;
  peopleParts?: string[];
  peopleEnds?: number[];
  reportParts: string[];
  reportFileId: string | null;
  failure: string | null;
  leaseUntil: Date;
  leaseOwner: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  /** When the uploaded file and the working parts were deleted (after the job ended; see _lib/jobFiles.ts). */
  filesRemovedAt?: Date | null;
}

/** People per chunk: one roster query of at most 1,000 documents (tests set fewer, to see many chunks). */
const chunkSize = () => Math.min(1000, Math.max(1, Number(process.env.MATCH_CHUNK) || 1000));
const SAMPLE = 20;
const { stepMs, leaseMs } = jobTiming('MATCH');

export const matchJobs = () => db().collection(COLLECTIONS.matchJobs);

export async function getMatchJob(id: string): Promise<MatchJobDoc | null> {
  const { data } = await matchJobs().doc(id).get();
  return (data[0] as MatchJobDoc | undefined) ?? null;
}

async function download(fileId: string): Promise<Buffer> {
  try {
    return ((await cloud().downloadFile({ fileID: fileId })) as { fileContent: Buffer }).fileContent;
  } catch {
    throw new FileProblem('上传的文件找不到了，请重新上传');
  }
}

async function upload(cloudPath: string, content: string): Promise<string> {
  return ((await cloud().uploadFile({ cloudPath, fileContent: Buffer.from(content, 'utf8') })) as { fileID: string }).fileID;
}

/** Once the job has ended: the uploaded evidence (whole ID numbers) and every working part deleted; the report stays. */
export const tidyMatch = (job: MatchJobDoc) =>
  tidyEndedJob(COLLECTIONS.matchJobs, job, { field: 'fileId', fileId: job.fileId, folder: UPLOAD_FOLDERS.comparison }, [
    ...(job.readParts ?? []).flat(),
    ...(job.peopleParts ?? []),
    ...job.reportParts,
  ]);

/** One slice of work on a job; returns the job as it stands after (its files removed once it has ended). */
export async function runMatchSlice(jobId: string, caller: Caller): Promise<MatchJobDoc | null> {
  const job = await workSlice(jobId, caller);
  if (job && (job.phase === 'done' || job.phase === 'failed') && !job.filesRemovedAt) {
    if (fileCache?.fileId === job.fileId) fileCache = null;
    // A storage fault here must not fail the call that finished the job: the daily run tidies up.
    const tidied = await tidyMatch(job).catch((e) => {
      console.error(`[jobs] ${jobId}: files left for the daily run:`, e instanceof Error ? e.message : e);
      return false;
    });
    if (tidied) return getMatchJob(jobId);
  }
  return job;
}

async function workSlice(jobId: string, caller: Caller): Promise<MatchJobDoc | null> {
  const job = await getMatchJob(jobId);
  if (!job || job.phase === 'done' || job.phase === 'failed') return job;
  const owner = await claimJob(COLLECTIONS.matchJobs, jobId, leaseMs());
  if (!owner) return job;
  const deadline = Date.now() + stepMs();
  try {
    // Reading is slices of its own, so the page can show what the file holds before matching starts.
    if (job.phase === 'read') await readPhase(job, owner, deadline);
    else if (job.phase === 'merge') await mergePhase(job, owner, deadline);
    else {
      if (job.phase === 'match') await matchPhase(job, owner, deadline);
      const current = await getMatchJob(jobId);
      if (current?.phase === 'report') await reportPhase(current, owner, caller);
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    await matchJobs()
      .where({ _id: jobId, leaseOwner: owner })
      .update({ phase: 'failed', failure: e.message, finishedAt: now(), updatedAt: now() });
  } finally {
    await releaseJob(COLLECTIONS.matchJobs, jobId, owner);
  }
  return getMatchJob(jobId);
}

/** Rows per read slice at most (tests set a few, to see many slices); otherwise the slice's time decides. */
const readRowsCap = () => Math.max(1, Number(process.env.MATCH_READ_ROWS) || Number.POSITIVE_INFINITY);

// A warm instance keeps the file it reads: the slices of one job's read download it once.
let fileCache: { fileId: string; buf: Buffer } | null = null;
async function fileOf(job: MatchJobDoc): Promise<Buffer> {
  if (fileCache?.fileId === job.fileId) return fileCache.buf;
  const buf = await download(job.fileId);
  fileCache = { fileId: job.fileId, buf };
  return buf;
}

/** One person's rows from two parts of the file, as if read together. */
function mergePerson(into: Person, p: Person) {
  for (const n of p.n) if (into.n.length < 3 && !into.n.includes(n)) into.n.push(n);
  into.r = Math.min(into.r, p.r);
  for (const [source, date] of Object.entries(p.ev)) if ((into.ev[source] ?? '') < date) into.ev[source] = date;
  if (p.st && (!into.st || into.st.date < p.st.date)) into.st = p.st;
}

async function readPhase(job: MatchJobDoc, owner: string, deadline: number) {
  const buf = await fileOf(job);
  if (buf.length > MATCH_MAX_BYTES) throw new FileProblem(`文件太大了（超过 ${MATCH_MAX_BYTES / 2 ** 20} MB），请分成几个文件比对`);
  const check = evidenceRowChecker(certificationRules(), pii(), job.day);
  const start = job.readRows ?? 0;
  const cap = readRowsCap();
  const people = new Map<string, Person>();
  const invalid: string[] = [];
  const sample: MatchJob['sampleProblems'] = [...(job.sampleProblems ?? [])];
  let seen = 0;
  let rows = 0;
  let more = false;
  for await (const { rowNumber, raw } of readTable(buf, job.fileName, EVIDENCE_TABLE)) {
    if (++seen <= start) continue;
    // Stop between rows when the slice's time (or, in tests, its row cap) is used up; the next slice reads on.
    if (rows >= cap || (rows % 5000 === 0 && rows > 0 && Date.now() > deadline)) {
      more = true;
      break;
    }
    rows++;
    const res = check(raw);
    if (!res.ok) {
      const id = String(raw.身份证号 ?? '').trim();
      invalid.push(
        reportLine([
          '无效行',
          rowNumber,
          maskLoose(id),
          String(raw.姓名 ?? '').slice(0, 20),
          String(raw.数据来源 ?? '').slice(0, 20),
          String(raw.日期 ?? '').slice(0, 20),
          res.problem,
        ]),
      );
      if (sample.length < SAMPLE) sample.push({ row: rowNumber, problem: res.problem });
      continue;
    }
    const { row } = res;
    let p = people.get(row.idHash);
    if (!p) {
      p = { h: row.idHash, m: row.idMasked, n: [], r: rowNumber, ev: {}, st: null };
      people.set(row.idHash, p);
    }
    if (row.name && p.n.length < 3 && !p.n.includes(row.name)) p.n.push(row.name);
    if (row.kind === 'stop') {
      if (!p.st || p.st.date < row.date) p.st = { source: row.source, date: row.date };
    } else if ((p.ev[row.source] ?? '') < row.date) p.ev[row.source] = row.date;
  }
  const base = `comparison/${job._id}`;
  const slice = (job.readParts ?? []).length;
  const reportParts = [...job.reportParts];
  if (invalid.length) reportParts.push(await upload(`${base}/part-invalid-${slice}.csv`, `${invalid.join('\r\n')}\r\n`));
  const total = start + rows;
  if (!more && total === 0) throw new FileProblem('文件里只有表头，没有数据');

  // This slice's people, one part per bucket; the cursor moves only if nobody else read these rows meanwhile.
  const buckets: Person[][] = Array.from({ length: BUCKETS }, () => []);
  for (const p of people.values()) buckets[bucketOf(p.h)].push(p);
  const parts = await inBatches(buckets, 4, (list, b) =>
    list.length ? upload(`${base}/read-${slice}-${hex(b)}.json`, JSON.stringify(list)) : Promise.resolve(''),
  );
  await matchJobs()
    .where({ _id: job._id, phase: 'read', leaseOwner: owner, readRows: start })
    .update({
      ...(more ? {} : { phase: 'merge', rows: total, mergeBucket: 0, peopleParts: [], peopleEnds: [] }),
      readRows: total,
      readParts: [...(job.readParts ?? []), parts],
      reportParts,
      invalidRows: job.invalidRows + invalid.length,
      sampleProblems: sample,
      leaseUntil: leaseEnd(leaseMs()),
      updatedAt: now(),
    });
}

const BUCKETS = 16;
const bucketOf = (hash: string) => Number.parseInt(hash[0], 16);
const hex = (b: number) => b.toString(16);

/** `fn` over every item, at most `width` at a time, results in order. */
async function inBatches<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map((x, j) => fn(x, i + j)))));
  return out;
}

async function mergePhase(job: MatchJobDoc, owner: string, deadline: number) {
  const peopleParts = [...(job.peopleParts ?? [])];
  const peopleEnds = [...(job.peopleEnds ?? [])];
  for (let b = job.mergeBucket ?? 0; b < BUCKETS; b++) {
    const people = new Map<string, Person>();
    for (const slice of job.readParts ?? []) {
      if (!slice[b]) continue;
      for (const p of JSON.parse((await download(slice[b])).toString('utf8')) as Person[]) {
        const have = people.get(p.h);
        if (have) mergePerson(have, p);
        else people.set(p.h, p);
      }
    }
    const sorted = [...people.values()].sort((x, y) => (x.h < y.h ? -1 : 1));
    peopleParts.push(sorted.length ? await upload(`comparison/${job._id}/people-${hex(b)}.json`, JSON.stringify(sorted)) : '');
    peopleEnds.push((peopleEnds.at(-1) ?? 0) + sorted.length);
    keepBuckets(job._id, 0);
    bucketCache.set(`${job._id}:${b}`, sorted);
    const last = b === BUCKETS - 1;
    const res = (await matchJobs()
      .where({ _id: job._id, phase: 'merge', leaseOwner: owner, mergeBucket: b })
      .update({
        ...(last ? { phase: 'match', people: peopleEnds[b], cursor: 0 } : {}),
        mergeBucket: b + 1,
        peopleParts,
        peopleEnds,
        leaseUntil: leaseEnd(leaseMs()),
        updatedAt: now(),
      })) as { updated: number };
    if (res.updated !== 1 || Date.now() > deadline) return;
  }
}

// A warm instance keeps the buckets of the job it works on: slices of one job read them many times.
const bucketCache = new Map<string, Person[]>();
async function bucketPeople(job: MatchJobDoc, b: number): Promise<Person[]> {
  const key = `${job._id}:${b}`;
  let people = bucketCache.get(key);
  if (!people) {
    const fileId = (job.peopleParts ?? [])[b];
    people = fileId ? (JSON.parse((await download(fileId)).toString('utf8')) as Person[]) : [];
    bucketCache.set(key, people);
  }
  keepBuckets(job._id, b);
  return people;
}

/** Only this job's buckets from `from` on are worth keeping. */
function keepBuckets(jobId: string, from: number) {
  for (const k of bucketCache.keys()) {
    const [id, at] = k.split(':');
    if (id !== jobId || Number(at) < from) bucketCache.delete(k);
  }
}

/**
 * Chunks are decided and written a few at a time (their people are distinct, so their writes
 * never meet), while the commits stay in order: the cursor moves past a chunk only after the
 * ones before it. A crash between a chunk's writes and its commit re-does that chunk, which
 * recognises its own writes (see matchChunk), so the totals come out the same.
 */
const IN_FLIGHT = () => Math.min(4, Math.max(1, Number(process.env.MATCH_IN_FLIGHT) || 3));

async function matchPhase(job: MatchJobDoc, owner: string, deadline: number) {
  const _ = db().command;
  const ends = job.peopleEnds ?? [];
  const total = ends.at(-1) ?? 0;
  const bucketAt = (at: number) => ends.findIndex((end) => end > at);
  const rules = certificationRules();
  const size = chunkSize();
  let cursor = job.cursor;
  while (cursor < total) {
    // The next few chunks, none across a bucket's end.
    const chunks: Array<{ at: number; end: number; b: number }> = [];
    for (let at = cursor; at < total && chunks.length < IN_FLIGHT(); ) {
      const b = bucketAt(at);
      const end = Math.min(at + size, ends[b]);
      chunks.push({ at, end, b });
      at = end;
    }
    const outs = await Promise.all(
      chunks.map(async ({ at, end, b }) => {
        const begin = b ? ends[b - 1] : 0;
        const chunk = (await bucketPeople(job, b)).slice(at - begin, end - begin);
        const out = await matchChunk(chunk, { jobId: job._id, streets: job.streets, day: job.day, rules });
        const part = out.lines.length
          ? await upload(`comparison/${job._id}/part-${String(at).padStart(9, '0')}.csv`, `${out.lines.join('\r\n')}\r\n`)
          : null;
        return { at, size: chunk.length, out, part };
      }),
    );
    for (const { at, size: n, out, part } of outs) {
      const change: Record<string, unknown> = {
        cursor: at + n,
        processed: _.inc(n),
        unmatched: _.inc(out.unmatched),
        leaseUntil: leaseEnd(leaseMs()),
        updatedAt: now(),
      };
      for (const [k, v] of Object.entries(out.counts)) if (v) change[`counts.${k}`] = _.inc(v);
      for (const [street, counts] of Object.entries(out.byStreet))
        for (const [k, v] of Object.entries(counts)) if (v) change[`byStreet.${street}.${k}`] = _.inc(v);
      if (part) change.reportParts = _.push(part);
      const res = (await matchJobs().where({ _id: job._id, cursor: at, leaseOwner: owner }).update(change)) as { updated: number };
      if (res.updated !== 1) return; // someone else took over: their counts stand
      cursor = at + n;
    }
    if (cursor < total && Date.now() > deadline) return;
  }
  await matchJobs()
    .where({ _id: job._id, phase: 'match', leaseOwner: owner })
    .update({ phase: 'report', leaseUntil: leaseEnd(leaseMs()), updatedAt: now() });
}

async function reportPhase(job: MatchJobDoc, owner: string, caller: Caller) {
  let reportFileId: string | null = null;
  if (job.reportParts.length) {
    const parts: string[] = [];
    for (let i = 0; i < job.reportParts.length; i += 8) {
      const got = await Promise.all(job.reportParts.slice(i, i + 8).map(async (id) => (await download(id)).toString('utf8')));
      parts.push(...got);
    }
    // BOM: Excel then reads it as UTF-8.
    reportFileId = await upload(`comparison/${job._id}/report.csv`, `\ufeff${REPORT_HEADER.join(',')}\r\n${parts.join('')}`);
  }
  const done = (await matchJobs()
    .where({ _id: job._id, phase: 'report', leaseOwner: owner })
    .update({ phase: 'done', reportFileId, finishedAt: now(), updatedAt: now() })) as { updated: number };
  if (done.updated === 1) {
    await audit(caller, {
      action: 'comparison.match',
      target: { collection: COLLECTIONS.matchJobs, id: job._id },
      detail: { fileName: job.fileName, rows: job.rows, invalidRows: job.invalidRows, unmatched: job.unmatched, ...job.counts },
    });
  }
}

export const emptyCounts = (): MatchCounts => ({ ...EMPTY_COUNTS });

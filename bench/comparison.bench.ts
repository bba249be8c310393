import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../cloudfunctions/_lib/caller';
import { piiKeysFromEnv } from '../cloudfunctions/_lib/pii';
import { rosterFields } from '../cloudfunctions/_lib/retirees';
import { DEFAULT_RULES } from '../contract/certification';
import { ROSTER_COLUMNS } from '../contract/roster';
import { COLLECTIONS } from '../database/collections';
import { localFunctionEnv } from '../emulator/localEnv';
import { pointSdkAtEmulator } from '../emulator/sdkEnv';
import { csvLine, rosterCsvLine } from '../emulator/seed/csv';
import { evidenceLines } from '../emulator/seed/evidence';
import { DEFAULT_TODAY, generateRoster, type RosterRow } from '../emulator/seed/generate';
import { buildFunctions } from '../scripts/build-functions';
import { type LocalCloud, startLocalCloud } from '../test/support/localCloud';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, fmtRatio, msSince, now, table } from './lib/stats';

/**
 * The big-data comparison end to end, as staff run it from the page: an evidence file
 * (emulator/seed/evidence.ts: ID, name, source, day; 5% of rows name people not on the
 * roster) uploaded through `@cloudbase/node-sdk`, then `match.start` and `match.run` until the
 * job is done, against the real emulator (a child process running the built comparison
 * function in its functions host), with the roster already in place (written straight into
 * the emulator, as an import would leave it). Then the same file again (nothing may change).
 * Baseline: the `sqlite3` shell importing the same roster and evidence CSVs and joining them
 * into the same per-person decision inputs.
 *
 * BENCH_COMPARISON="36558:1000000,600000:10000000" (roster:rows, comma-separated) picks the sizes.
 */
const SIZES = (process.env.BENCH_COMPARISON ?? '36558:1000000').split(',').map((s) => s.split(':').map(Number) as [number, number]);
const SQLITE_RUNS = 3;
const MiB = 2 ** 20;
const TODAY = DEFAULT_TODAY;
const num = (n: number) => n.toLocaleString('en-US');
const dur = (ms: number) => (ms < 1000 ? `${fmt(ms, 0)} ms` : `${fmt(ms / 1000, 1)} s`);
const mib = (b: number) => `${fmt(b / MiB, 0)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rssOf(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Peak resident set of the emulator over one step (VmHWM reset first; VmRSS polled as a check). */
function watchRss(pid: number) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not allowed: the polled maximum stands
  }
  const start = rssOf(pid).rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid).rss);
  }, 100);
  return () => {
    clearInterval(timer);
    const s = rssOf(pid);
    return { start, peak: Math.max(peak, s.hwm, s.rss) };
  };
}

async function writeLines(file: string, lines: Iterable<string>) {
  const out = fs.createWriteStream(file);
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= 10_000) {
      if (!out.write(buf.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  out.write(buf.join(''));
  await new Promise<void>((r) => out.end(r));
  return fs.statSync(file).size;
}

/**
 * The evidence file, or files: a job takes at most MATCH_MAX_BYTES (100 MiB, about 1.9 million rows), so a
 * city's 10,000,000 rows arrive as several files, each with the header, matched one job after another.
 */
async function writeEvidenceParts(dir: string, lines: Iterable<string>, rowsPerPart: number): Promise<{ files: string[]; bytes: number }> {
  const it = lines[Symbol.iterator]();
  const header = it.next().value as string;
  const files: string[] = [];
  let bytes = 0;
  let done = false;
  while (!done) {
    const file = path.join(dir, `evidence-${files.length + 1}.csv`);
    let n = 0;
    const size = await writeLines(
      file,
      (function* () {
        yield header;
        while (n < rowsPerPart) {
          const next = it.next();
          if (next.done) {
            done = true;
            return;
          }
          n++;
          yield next.value;
        }
      })(),
    );
    if (n === 0) {
      fs.rmSync(file);
      break;
    }
    files.push(file);
    bytes += size;
  }
  return { files, bytes };
}

const ROWS_PER_PART = 1_800_000;

/** Several jobs (one per part) as one run: times and counts added up, the longest call and the peak memory kept. */
async function runJobs(cloud: LocalCloud, app: any, db: any, token: string, files: string[], tag: string): Promise<Run> {
  const runs: Run[] = [];
  for (const [i, file] of files.entries()) runs.push(await runJob(cloud, app, db, token, file, `${tag}-${i + 1}`));
  if (runs.length === 1) return runs[0];
  const sum = (f: (r: Run) => number) => runs.reduce((a, r) => a + f(r), 0);
  const counts: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.job.counts as Record<string, number>)) counts[k] = (counts[k] ?? 0) + v;
  return {
    uploadMs: sum((r) => r.uploadMs),
    jobMs: sum((r) => r.jobMs),
    readMs: sum((r) => r.readMs),
    calls: sum((r) => r.calls),
    longestCallMs: Math.max(...runs.map((r) => r.longestCallMs)),
    job: { counts, people: sum((r) => r.job.people), unmatched: sum((r) => r.job.unmatched), parts: runs.length },
    rss: { start: runs[0].rss.start, peak: Math.max(...runs.map((r) => r.rss.peak)) },
  };
}

async function startEmulator() {
  const cloud = await startLocalCloud({ seed: false, functionEnv: { APP_NOW: `${TODAY}T10:00:00+08:00` } });
  pointSdkAtEmulator(cloud.adminUrl);
  const app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  const account = { id: 'bench-staff', role: 'staff', name: '陈晓燕', label: '工作人员（全区，基准测试）', uid: 'bench-staff' };
  await fetch(`${cloud.url}/dev/accounts`, { method: 'PUT', body: JSON.stringify([account]) });
  await db
    .collection(COLLECTIONS.users)
    .add({ identity: identityKey(account), role: 'staff', name: account.name, streets: 'all', createdAt: new Date() });
  return { cloud, app, db, token: await cloud.tokenFor(account.id) };
}

/** The roster as an import leaves it, written in batches (not timed as part of the comparison). */
async function writeRoster(db: any, roster: RosterRow[]) {
  const keys = piiKeysFromEnv(localFunctionEnv());
  const at = new Date();
  for (let i = 0; i < roster.length; i += 4000) {
    const batch = roster.slice(i, i + 4000);
    await Promise.all(
      [0, 1000, 2000, 3000].map((o) => {
        const part = batch.slice(o, o + 1000);
        return part.length
          ? db
              .collection(COLLECTIONS.retirees)
              .add(part.map((r) => ({ ...rosterFields(keys, r), boundUserId: null, helperCount: 0, createdAt: at, updatedAt: at })))
          : null;
      }),
    );
  }
}

interface Run {
  uploadMs: number;
  jobMs: number;
  readMs: number;
  calls: number;
  longestCallMs: number;
  job: Record<string, any>;
  rss: { start: number; peak: number };
}

async function runJob(cloud: LocalCloud, app: any, db: any, token: string, file: string, tag: string): Promise<Run> {
  const content = fs.readFileSync(file);
  const stopRss = watchRss(cloud.pid() as number);
  let t = now();
  const { fileID } = (await app.uploadFile({ cloudPath: `comparison-uploads/bench-${tag}.csv`, fileContent: content })) as {
    fileID: string;
  };
  const uploadMs = msSince(t);
  t = now();
  const call = (data: Record<string, unknown>) => cloud.callFunction('comparison', data, token);
  let job = (await call({ action: 'match.start', fileId: fileID, fileName: 'evidence.csv', requestId: `bench-${tag}-${Date.now()}` })).data;
  let calls = 0;
  let longest = 0;
  let readMs = Number.NaN;
  while (job.phase !== 'done' && job.phase !== 'failed') {
    const c = now();
    const res = await call({ action: 'match.run', jobId: job.id });
    longest = Math.max(longest, msSince(c));
    calls++;
    if (!res.ok) throw new Error(`match.run: ${JSON.stringify(res.error)}`);
    // Reading includes merging the read slices' buckets: both gather the file's rows by person.
    const reading = (phase: string) => phase === 'read' || phase === 'merge';
    if (reading(job.phase) && !reading(res.data.phase)) readMs = msSince(t);
    job = res.data;
  }
  const jobMs = msSince(t);
  if (job.phase !== 'done') throw new Error(`job failed: ${job.failure}`);
  const doc = (await db.collection(COLLECTIONS.matchJobs).doc(job.id).get()).data[0];
  return { uploadMs, jobMs, readMs, calls, longestCallMs: longest, job: { ...job, doc }, rss: stopRss() };
}

/** sqlite3: import both files and compute, per roster person, what the rule needs. */
function sqliteBaseline(rosterCsv: string, evidenceCsvs: string[]) {
  const cutoff = new Date(Date.parse(`${TODAY}T00:00:00Z`) - DEFAULT_RULES.evidence.maxAgeDays * 86_400_000).toISOString().slice(0, 10);
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');
  const { strong, weak, stop } = DEFAULT_RULES.evidence;
  const cols = ROSTER_COLUMNS.map((c) => `"${c}" TEXT`).join(',');
  const script = `
CREATE TABLE roster(${cols});
CREATE UNIQUE INDEX roster_id ON roster("身份证号");
.import --csv --skip 1 ${rosterCsv} roster
CREATE TABLE evidence(id TEXT, name TEXT, source TEXT, day TEXT);
${evidenceCsvs.map((f) => `.import --csv --skip 1 ${f} evidence`).join('\n')}
CREATE TABLE decision AS
  SELECT r."身份证号" AS id,
    max(CASE WHEN e.source IN (${list(strong)}) AND e.day BETWEEN '${cutoff}' AND '${TODAY}' THEN e.day END) AS strong_day,
    count(DISTINCT CASE WHEN e.source IN (${list(weak)}) AND e.day BETWEEN '${cutoff}' AND '${TODAY}' THEN e.source END) AS weak_sources,
    max(e.source IN (${list(stop)})) AS stop,
    max(e.name <> r."姓名") AS name_differs
  FROM evidence e JOIN roster r ON r."身份证号" = e.id GROUP BY r."身份证号";
SELECT count(*), sum(stop = 0 AND name_differs = 0 AND (strong_day IS NOT NULL OR weak_sources >= ${DEFAULT_RULES.evidence.weakNeeded})), sum(stop) FROM decision;
`;
  const times: number[] = [];
  let out = '';
  let peak = 0;
  for (let i = 0; i < SQLITE_RUNS; i++) {
    const dbFile = path.join(os.tmpdir(), `cmp-bench-${process.pid}-${i}.db`);
    fs.rmSync(dbFile, { force: true });
    const t = now();
    const r = spawnSync('/usr/bin/time', ['-v', 'sqlite3', dbFile], { input: script, encoding: 'utf8' });
    times.push(msSince(t));
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    out = r.stdout.trim();
    peak = Math.max(peak, Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) * 1024);
    fs.rmSync(dbFile, { force: true });
  }
  const [matched, certifiable, stops] = out.split('|').map(Number);
  return { ms: median(times), all: times, matched, certifiable, stops, peak };
}

const bench: Bench = {
  name: 'comparison',
  async run(log) {
    await buildFunctions();
    const results: Array<Record<string, any>> = [];
    for (const [rosterSize, rows] of SIZES) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmp-bench-'));
      log(`roster ${num(rosterSize)}, evidence ${num(rows)} rows: generating files in ${dir}`);
      const roster = [...generateRoster(rosterSize)];
      const rosterCsv = path.join(dir, 'roster.csv');
      await writeLines(
        rosterCsv,
        (function* () {
          yield csvLine([...ROSTER_COLUMNS]);
          for (const r of roster) yield rosterCsvLine(r);
        })(),
      );
      const t = now();
      const { files: evidenceFiles, bytes: evidenceBytes } = await writeEvidenceParts(
        dir,
        evidenceLines(roster, { rows, today: TODAY }),
        ROWS_PER_PART,
      );
      log(`evidence: ${evidenceFiles.length} file(s), ${mib(evidenceBytes)} in ${dur(msSince(t))}`);

      const { cloud, app, db, token } = await startEmulator();
      try {
        const w = now();
        await writeRoster(db, roster);
        log(`roster written in ${dur(msSince(w))}`);
        const idle = rssOf(cloud.pid() as number).rss;
        const first = await runJobs(cloud, app, db, token, evidenceFiles, 'first');
        log(`first run: ${dur(first.jobMs)} (${first.calls} calls) ${JSON.stringify(first.job.counts)}`);
        const written = {
          certifications: (await db.collection(COLLECTIONS.certifications).count()).total as number,
          evidence: (await db.collection(COLLECTIONS.evidence).count()).total as number,
          stops: (await db.collection(COLLECTIONS.retirees).where({ 'autoCertStop.status': 'open' }).count()).total as number,
        };
        const again = await runJobs(cloud, app, db, token, evidenceFiles, 'again');
        log(`again: ${dur(again.jobMs)} ${JSON.stringify(again.job.counts)}`);
        const after = (await db.collection(COLLECTIONS.certifications).count()).total as number;
        if (after !== written.certifications) throw new Error(`the same file again wrote ${after - written.certifications} certifications`);
        const sqlite = sqliteBaseline(rosterCsv, evidenceFiles);
        log(`sqlite3: ${dur(sqlite.ms)} matched ${sqlite.matched}, certifiable ${sqlite.certifiable}`);
        results.push({ rosterSize, rows, evidenceBytes, parts: evidenceFiles.length, idle, first, again, written, sqlite });
      } finally {
        await cloud.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    const col = (f: (r: Record<string, any>) => string) => results.map(f);
    const rowsOf = (label: string, f: (r: Record<string, any>) => string) => [label, ...col(f)];
    const header = ['', ...results.map((r) => `${num(r.rosterSize)} roster, ${num(r.rows)} rows`)];
    const c = (r: Record<string, any>) => r.first.job.counts;
    const body = table(
      header,
      [
        rowsOf('evidence CSV (files of ≤ 1.8 million rows: one job each)', (r) => `${mib(r.evidenceBytes)} in ${r.parts}`),
        rowsOf('**Emulator**: upload (SDK `uploadFile`)', (r) => dur(r.first.uploadMs)),
        rowsOf('comparison: `match.start` → `done`', (r) => `**${dur(r.first.jobMs)}**`),
        rowsOf('— read and merge phases (parse, check, hash, gather by person)', (r) => dur(r.first.readMs)),
        rowsOf('— match + report phases', (r) => dur(r.first.jobMs - r.first.readMs)),
        rowsOf('rows/s', (r) => num(Math.round(r.rows / (r.first.jobMs / 1000)))),
        rowsOf('`match.run` calls; longest call (limit 60 s)', (r) => `${r.first.calls}; ${dur(r.first.longestCallMs)}`),
        rowsOf(
          'people in the file / matched / unmatched',
          (r) => `${num(r.first.job.people)} / ${num(c(r).matched)} / ${num(r.first.job.unmatched)}`,
        ),
        rowsOf(
          'certified / not enough / stop records / conflicts',
          (r) => `${num(c(r).certified)} / ${num(c(r).notEnough)} / ${num(c(r).stopRecords)} / ${num(c(r).conflicts)}`,
        ),
        rowsOf(
          'documents written: certifications + evidence + retirees',
          (r) => `${num(r.written.certifications)} + ${num(r.written.evidence)} + ${num(r.written.certifications + r.written.stops)}`,
        ),
        rowsOf('emulator RSS: idle → peak during the job', (r) => `${mib(r.idle)} → ${mib(r.first.rss.peak)}`),
        rowsOf(
          'the same file again (nothing written)',
          (r) => `${dur(r.again.jobMs)}; certified ${r.again.job.counts.certified}, already ${num(r.again.job.counts.alreadyCertified)}`,
        ),
        rowsOf('**sqlite3**: import both + join (median of 3)', (r) => `**${dur(r.sqlite.ms)}**`),
        rowsOf(
          'sqlite3 matched / certifiable / stop',
          (r) => `${num(r.sqlite.matched)} / ${num(r.sqlite.certifiable)} / ${num(r.sqlite.stops)}`,
        ),
        rowsOf('sqlite3 peak RSS', (r) => mib(r.sqlite.peak)),
        rowsOf('**Ratio** emulator job ÷ sqlite3', (r) => `**${fmtRatio(r.first.jobMs / r.sqlite.ms)}**`),
        rowsOf('ratio of peak RSS, emulator ÷ sqlite3', (r) => fmtRatio(r.first.rss.peak / r.sqlite.peak)),
      ],
      ['l', ...results.map(() => 'r' as const)],
    );
    return `## Big-data comparison: the emulator, end to end, vs. \`sqlite3\` import-and-join

${machineNotes()}
- Data: the roster from \`generateRoster\` (emulator/seed/generate.ts, demo seed, today ${TODAY}); the evidence file from
  \`evidenceLines\` (emulator/seed/evidence.ts): each roster person gets one profile — strong source (55%), two weak
  sources (9%), one weak source (12%), only records older than 90 days (10%), a death or cancellation record (0.2%),
  absent (the rest) — and the rows go round-robin over the people present; 5% of rows name people not on the roster.
  UTF-8 CSV with BOM, no quotes. Written to /tmp by a streaming generator before the run, not timed.
- **Emulator**: a fresh local cloud (test/support/localCloud.ts, \`emulator/cli.ts\` as a child process, data in /tmp,
  the built comparison function in its functions host), the roster written straight into \`retirees\` (as an import
  leaves it) before timing, one district-wide staff account. The job is \`match.start\` then \`match.run\` until
  \`done\`, one call after another over \`POST /h5/functions/comparison\`, as the staff page does, with the default
  slice budget (8 s). Time is the client's wall clock from \`match.start\` to the reply that says \`done\`.
- "Documents written" counts what the job left: certification records, kept weak evidence, and retirees changed
  (certified, plus stops); the job document's own progress updates (one per 1,000 people) are not counted.
- Memory: the emulator process's resident set (database, HTTP server and function worker threads are one process):
  VmHWM after a \`clear_refs\` reset, and VmRSS polled every 100 ms.
- **sqlite3** (Debian package): a fresh database file in /tmp; the roster table with a UNIQUE index on the ID number;
  \`.import --csv\` of both files; then one \`GROUP BY\` join giving per matched person the latest fresh strong day,
  the number of different fresh weak sources, whether a stop record is present and whether a name differs — the
  inputs of the same decision. Whole \`sqlite3\` process timed, median of ${SQLITE_RUNS} runs; peak RSS from
  \`/usr/bin/time -v\`.

${body}

### Reading the ratio

sqlite3 compares ID numbers in clear, in one process, with one sync at the end. The job never holds a whole ID number
beyond reading its row: each distinct ID is checked (checksum, birth date) and turned into an HMAC-SHA256, and the roster
is looked up by that keyed hash, 1,000 people per query, through the SDK over HTTP; every chunk commits its counts under
a lease so a crash resumes without counting anyone twice; every certification is a keyed record plus a forward-only move
of the person's last certification, each fsynced by the emulator before it answers; sqlite3 does none of that (it only
computes the decision inputs).

What was slow, found with \`EMULATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=…"\` (test/support/localCloud.ts passes it to
the emulator; the function worker threads get their own profiles), and changed (first run of the district file: 70.3 s
at the start of the day, then 32.2, 28.6, 15.7 s):
1. One forward move of "last certified" per person (22,876 SDK updates, each signed, sent and fsynced). Now one
   conditional update per (day, method) of a chunk: the source stays on the certification record.
2. The same file again re-wrote every kept weak record one by one (its "already kept?" check only looked for people
   without a strong record). Now every matched person's kept records are read with the chunk.
3. mingo's \`$in\` hashes its whole list for every document it tests: a 1,000-hash roster look-up over 1,000 candidates
   was a million hash inserts. The emulator now checks top-level \`$in\` of plain values with one Set
   (emulator/database/engine.ts, tested in test/emulator/fidelity.test.ts), and plain top-level \`$set\`s skip mingo's
   per-call set-up.
4. Chunks were decided one after another while the emulator and the worker waited on each other; now three are decided
   and written at once and committed in order (a crash re-does an uncommitted chunk, which recognises its own writes).
5. "Fresh evidence" compared days with dayjs per record; now with one precomputed oldest day, as strings.
What remains is the read (parsing 1,000,000 CSV rows into records and gathering them by person, in one slice) and the
per-request cost of the SDK (signing, headers) and of the emulator (EJSON, mingo, the WAL's fsync).
`;
  },
};

export default bench;

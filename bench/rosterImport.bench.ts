import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { identityKey } from '../cloudfunctions/_lib/caller';
import { readRoster } from '../cloudfunctions/roster/readFile';
import { ROSTER_COLUMNS } from '../contract/roster';
import { COLLECTIONS } from '../database/collections';
import { pointSdkAtEmulator } from '../emulator/sdkEnv';
import { DEFAULT_SEED, DEFAULT_TODAY, SCALES } from '../emulator/seed/generate';
import { buildFunctions } from '../scripts/build-functions';
import { type LocalCloud, startLocalCloud } from '../test/support/localCloud';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, fmtRatio, msSince, now, table } from './lib/stats';

/**
 * The roster import end to end, as staff run it from the console: the demo roster as CSV
 * (scripts/demo-data.ts, 36,558 and 600,000 rows) uploaded through `@cloudbase/node-sdk`,
 * then `import.start` and `import.run` until the job is done, against the real emulator
 * (a child process running the built roster function in its functions host). The first
 * file is then imported a second time, unchanged. Baseline: the `sqlite3` shell's
 * `.import --csv` of the same files into a table with a UNIQUE index on the ID number.
 *
 * BENCH_ROSTER_ROWS=2000,20000 runs other sizes for a quick try (the first one is re-imported);
 * the results say what was run.
 */
const ROOT = path.resolve(__dirname, '..');
const SIZES = (process.env.BENCH_ROSTER_ROWS ?? `${SCALES.district},${SCALES.city}`).split(',').map((s) => Number(s.trim()));
const SQLITE_RUNS = 3;
/** Job doc poll and RSS sample intervals (ms). */
const POLL_MS = 100;
/** A poll answered slower than this is reported as a stall of the emulator. */
const STALL_MS = 1000;
const RSS_MS = 100;
/**
 * The job's default slice budget, as cloudfunctions/roster/job.ts has it (`env('IMPORT_STEP_MS', …)`); the
 * benchmark leaves IMPORT_STEP_MS unset, so this is what the function uses. For the report's words only.
 */
const STEP = (() => {
  const src = fs.readFileSync(path.join(ROOT, 'cloudfunctions/roster/job.ts'), 'utf8');
  const ms = Number(/env\('IMPORT_STEP_MS',\s*([\d_]+)\)/.exec(src)?.[1]?.replace(/_/g, ''));
  return Number.isFinite(ms) && ms > 0 ? `${ms / 1000} s` : 'the default';
})();
/** The roster function's time limit in seconds (cloudbaserc.json), which the emulator's functions host enforces. */
const LIMIT_S = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')).functions as Array<{ name: string; timeout?: number }>
).find((f) => f.name === 'roster')?.timeout;
/** As the console does (src/features/rosterImport/api/run-import.ts): three failed calls in a row and it stops. */
const MAX_FAILURES = 3;
const TIME_BIN = '/usr/bin/time';
const MiB = 2 ** 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Seconds, or milliseconds under one second: '12.3 s', '45.6 ms'. */
const dur = (ms: number) => (ms < 1000 ? `${fmt(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms` : `${fmt(ms / 1000, ms >= 100_000 ? 0 : 1)} s`);
/** A count: 0, 12, 36,558. */
const num = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => `${fmt(bytes / MiB, 0)} MiB`;
const scaleName = (rows: number) => Object.entries(SCALES).find(([, n]) => n === rows)?.[0] ?? String(rows);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const toMs = (v: unknown): number => {
  if (v instanceof Date) return v.getTime();
  if (v && typeof v === 'object' && '$date' in v) return Number((v as { $date: unknown }).$date);
  return new Date(v as string).getTime();
};

// ---- the CSV ------------------------------------------------------------------------

/** The file `npm run demo-data -- --scale <n> --out <file>` writes (not timed). */
function writeCsv(file: string, rows: number) {
  const scale = scaleName(rows);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/demo-data.ts'), '--scale', scale, '--out', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/demo-data.ts --scale ${scale} failed: ${r.stderr}`);
  return { scale, bytes: fs.statSync(file).size };
}

// ---- the emulator's memory ------------------------------------------------------------

function procStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * The peak resident set of a process over one step: the kernel's high-water mark (VmHWM,
 * reset at the start with `echo 5 > /proc/<pid>/clear_refs`), and VmRSS polled as a check
 * (and as the answer where the reset is not allowed).
 */
function watchRss(pid: number) {
  let hwmReset = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    hwmReset = true;
  } catch {
    // not ours to reset: the polled maximum stands
  }
  const start = procStatus(pid)?.rss ?? Number.NaN;
  let polled = start;
  const timer = setInterval(() => {
    const s = procStatus(pid);
    if (s) polled = Math.max(polled, s.rss);
  }, RSS_MS);
  return {
    stop() {
      clearInterval(timer);
      const s = procStatus(pid);
      const end = s?.rss ?? Number.NaN;
      polled = Math.max(polled, end);
      return { start, end, peak: hwmReset && s ? Math.max(s.hwm, polled) : polled, kernel: hwmReset };
    },
  };
}

// ---- the import, as the console drives it --------------------------------------------

interface Call {
  ms: number;
  /** Rows written before this call (the job's cursor: every row here is valid) and during it. */
  before: number;
  rows: number;
  phaseBefore: string;
  phaseAfter: string;
  error?: string;
}

interface ImportRun {
  uploadMs: number;
  /** The `import.start` call alone (the first one includes starting a function instance). */
  startMs: number;
  importMs: number;
  validateMs: number;
  /** ± this many ms (0: read exactly off the job doc). */
  validateErrMs: number;
  writeMs: number;
  /** The job-doc watcher: polls answered, the slowest answer, failed polls. */
  polls: number;
  slowestPollMs: number;
  stalls: Array<[number, number]>;
  pollErrors: string[];
  /** WAL compactions (snapshot generations) during this import. */
  compactions: number;
  calls: Call[];
  job: Record<string, any>;
  rssUpload: ReturnType<ReturnType<typeof watchRss>['stop']>;
  rssImport: ReturnType<ReturnType<typeof watchRss>['stop']>;
  docs: number;
  dbBytes: number;
}

/**
 * Watches the job doc while `import.run` calls are in flight, to see when validation ended:
 * the update that moves the job to `write` stamps `updatedAt`; a poll that sees `write` with
 * cursor 0 reads that moment exactly, otherwise it lies between the last two polls.
 */
function watchJob(db: any, jobId: string) {
  let stopped = false;
  let lastValidateAt = Date.now();
  /**
   * Also what the polls saw of the emulator: answers slower than STALL_MS (seconds into the
   * import, duration) and failed polls. It is only a watcher: it carries on.
   */
  const t0 = Date.now();
  const seen = { validateEnd: Number.NaN, errMs: 0, polls: 0, slowestMs: 0, stalls: [] as Array<[number, number]>, errors: [] as string[] };
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      try {
        const { data } = await db.collection(COLLECTIONS.importJobs).doc(jobId).get();
        seen.polls++;
        const took = Date.now() - at;
        seen.slowestMs = Math.max(seen.slowestMs, took);
        if (took > STALL_MS) seen.stalls.push([(at - t0) / 1000, took]);
        const d = data[0];
        if (d?.phase === 'validate') lastValidateAt = at;
        else if (d && Number.isNaN(seen.validateEnd)) {
          if (d.phase === 'write' && d.cursor === 0) seen.validateEnd = toMs(d.updatedAt);
          else {
            seen.validateEnd = (lastValidateAt + at) / 2;
            seen.errMs = (at - lastValidateAt) / 2;
          }
        }
      } catch (e) {
        seen.errors.push(
          `${(e as { code?: string }).code ?? ''} ${(e as Error).message} after ${fmt((Date.now() - at) / 1000, 1)} s, ${fmt((at - t0) / 1000, 0)} s into the import`.trim(),
        );
      }
      await sleep(POLL_MS);
    }
  })();
  return {
    seen,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

interface Emulator {
  cloud: LocalCloud;
  /** Ends the emulator process at once (registered for this process's exit until stop()). */
  kill: () => void;
  app: any;
  db: any;
  token: string;
}

async function startEmulator(): Promise<Emulator> {
  // No demo seed (its 60 rows would be part of the file); the default slice budget and lease.
  const cloud = await startLocalCloud({ seed: false });
  pointSdkAtEmulator(cloud.adminUrl);
  const app = tcb.init({ env: 'local-dev', serviceUrl: cloud.adminUrl, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  // One district-wide staff member, registered the way emulator/seed/seed.ts registers the demo staff.
  const account = { id: 'bench-staff', role: 'staff', name: '陈晓燕', label: '工作人员（全区，基准测试）', uid: 'bench-staff' };
  await fetch(`${cloud.url}/dev/accounts`, { method: 'PUT', body: JSON.stringify([account]) });
  await db.collection(COLLECTIONS.users).add({
    identity: identityKey(account),
    role: 'staff',
    name: account.name,
    streets: 'all',
    retireeId: null,
    createdAt: new Date(),
  });
  // If this process dies before stop(), do not leave the emulator running.
  const pid = cloud.pid();
  const kill = () => {
    try {
      if (pid) process.kill(pid);
    } catch {
      // already gone
    }
  };
  process.on('exit', kill);
  return { cloud, app, db, kill, token: await cloud.tokenFor(account.id) };
}

const dirBytes = (dir: string): number =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
        const p = path.join(dir, e.name);
        return n + (e.isDirectory() ? dirBytes(p) : fs.statSync(p).size);
      }, 0)
    : 0;

/** The emulator's current snapshot generation: how many times its write-ahead log was compacted (emulator/database/wal.ts). */
const walGeneration = (dataDir: string) =>
  Math.max(0, ...fs.readdirSync(path.join(dataDir, 'db')).map((f) => Number(/^(?:wal|snapshot)-(\d+)\.jsonl$/.exec(f)?.[1] ?? 0)));

/** Reading the file as the function does (decode, parse, one row at a time), without validating: what a slice pays to reach its cursor. */
async function parseOnlyMs(csv: string): Promise<number> {
  const buf = fs.readFileSync(csv);
  const t = now();
  let n = 0;
  for await (const _row of readRoster(buf, 'roster.csv')) n++;
  const ms = msSince(t);
  if (n < 1) throw new Error(`read no rows from ${csv}`);
  return ms;
}

let uploads = 0;
async function importOnce(emu: Emulator, csv: string, rows: number, tag: (m: string) => void): Promise<ImportRun> {
  const { cloud, app, db, token } = emu;
  const pid = cloud.pid();
  if (!pid) throw new Error('the emulator has no pid');
  const fileName = `花名册-${rows}.csv`;
  const content = fs.readFileSync(csv); // into memory first: the upload is timed, the disk read is not

  const genBefore = walGeneration(cloud.dataDir);
  let rss = watchRss(pid);
  const u0 = now();
  const { fileID } = (await app.uploadFile({ cloudPath: `roster-uploads/bench-${uploads++}.csv`, fileContent: content })) as {
    fileID: string;
  };
  const uploadMs = msSince(u0);
  const rssUpload = rss.stop();
  tag(`  uploaded ${mib(content.length)} in ${dur(uploadMs)}`);

  rss = watchRss(pid);
  const call = (data: Record<string, unknown>) => cloud.callFunction('roster', data, token);
  const t0 = now();
  const started = await call({ action: 'import.start', fileID, fileName, requestId: `bench-${Date.now().toString(36)}-${uploads}` });
  const startMs = msSince(t0);
  if (!started.ok) throw new Error(`import.start: ${JSON.stringify(started.error)}`);
  let job = started.data;
  const watcher = watchJob(db, job.id);
  const calls: Call[] = [];
  let failures = 0;
  try {
    while (job.phase !== 'done' && job.phase !== 'failed') {
      const c0 = now();
      const before = job;
      try {
        const res = await call({ action: 'import.run', jobId: job.id });
        if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
        job = res.data;
        failures = 0;
        calls.push({
          ms: msSince(c0),
          before: before.processed,
          rows: job.processed - before.processed,
          phaseBefore: before.phase,
          phaseAfter: job.phase,
        });
        const c = calls[calls.length - 1];
        tag(
          `  import.run #${calls.length}: ${dur(c.ms)}, ${before.phase} → ${job.phase}, ${num(job.processed)}/${num(job.total ?? rows)} written`,
        );
      } catch (e) {
        const err = e as Error & { code?: string; status?: number };
        const ms = msSince(c0);
        calls.push({
          ms,
          before: before.processed,
          rows: 0,
          phaseBefore: before.phase,
          phaseAfter: '(error)',
          error: `${err.code ?? err.status ?? ''} ${err.message}`.trim(),
        });
        const rssNow = procStatus(pid);
        tag(
          `  import.run #${calls.length} FAILED after ${dur(ms)}: ${calls[calls.length - 1].error} (emulator RSS ${rssNow ? mib(rssNow.rss) : '?'})`,
        );
        if (++failures >= MAX_FAILURES) {
          const done = await db.collection(COLLECTIONS.retirees).count();
          throw new Error(
            `import of ${num(rows)} rows: import.run failed ${MAX_FAILURES} times in a row, as the console gives up. ` +
              `Calls: ${calls.map((c) => `${dur(c.ms)} ${c.phaseBefore}→${c.phaseAfter}${c.error ? ` [${c.error}]` : ''}`).join('; ')}. ` +
              `Documents written: ${done.total}; job: ${JSON.stringify(job)}`,
          );
        }
        await sleep(1000 * failures);
      }
    }
  } finally {
    await watcher.stop();
  }
  const importMs = msSince(t0);
  const rssImport = rss.stop();
  const { seen } = watcher;

  const { data } = await db.collection(COLLECTIONS.importJobs).doc(job.id).get();
  const doc = data[0];
  const createdAt = toMs(doc.createdAt);
  const finishedAt = toMs(doc.finishedAt);
  const docs = (await db.collection(COLLECTIONS.retirees).count()).total as number;
  return {
    uploadMs,
    startMs,
    importMs,
    validateMs: seen.validateEnd - createdAt,
    validateErrMs: seen.errMs,
    polls: seen.polls,
    slowestPollMs: seen.slowestMs,
    stalls: seen.stalls,
    pollErrors: seen.errors,
    compactions: walGeneration(cloud.dataDir) - genBefore,
    writeMs: finishedAt - seen.validateEnd,
    calls,
    job,
    rssUpload,
    rssImport,
    docs,
    dbBytes: dirBytes(path.join(cloud.dataDir, 'db')),
  };
}

function check(label: string, run: ImportRun, rows: number, expect: Record<string, number>) {
  const j = run.job;
  const wrong = Object.entries({ total: rows, invalid: 0, processed: rows, ...expect }).filter(([k, v]) => j[k] !== v);
  if (j.phase !== 'done' || wrong.length) {
    throw new Error(
      `${label}: job ended ${j.phase}${j.failure ? ` (${j.failure})` : ''}; ${wrong.map(([k, v]) => `${k} ${j[k]} ≠ ${v}`).join(', ')}; first problems: ${JSON.stringify(j.sampleErrors?.slice(0, 5))}`,
    );
  }
  if (run.docs !== rows) throw new Error(`${label}: ${num(run.docs)} documents in retirees after the import, expected ${num(rows)}`);
}

// ---- the baseline: sqlite3 .import ------------------------------------------------------

const SQLITE_INSTALL = 'apt-get install sqlite3 (Debian/Ubuntu; the package is also called sqlite3 in Homebrew, Alpine and Fedora)';

function sqliteVersion(): string {
  const r = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `the rosterImport benchmark compares against the sqlite3 command-line tool, which is not installed. Install it: ${SQLITE_INSTALL}`,
    );
  }
  return r.stdout.trim().split(' ')[0];
}

interface SqliteRun {
  ms: number;
  peakRss: number;
  rows: number;
  journal: string;
  synchronous: string;
  dbBytes: number;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Peak RSS of a child without /usr/bin/time: its VmHWM, read until it exits. */
async function runPolled(cmd: string, args: string[], input: string) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  child.stdout.resume();
  let peak = 0;
  const timer = setInterval(() => {
    const s = child.pid ? procStatus(child.pid) : null;
    if (s) peak = Math.max(peak, s.hwm);
  }, 2);
  child.stdin.end(input);
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  return { status, stderr, peak };
}

async function sqliteImport(csv: string, dir: string, n: number): Promise<SqliteRun> {
  const db = path.join(dir, `baseline-${n}.sqlite`);
  const script = [
    `CREATE TABLE roster (${ROSTER_COLUMNS.map((c) => `${q(c)} TEXT`).join(', ')});`,
    `CREATE UNIQUE INDEX roster_id_number ON roster (${q('身份证号')});`,
    `.import --csv --skip 1 ${q(csv)} roster`,
    '',
  ].join('\n');
  const t0 = now();
  let status: number | null;
  let stderr: string;
  let peakRss: number;
  if (fs.existsSync(TIME_BIN)) {
    const r = spawnSync(TIME_BIN, ['-v', 'sqlite3', db], { input: script, encoding: 'utf8' });
    status = r.status;
    stderr = r.stderr;
    peakRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN) * 1024;
    stderr = stderr.split(/\s*Command being timed:/)[0];
  } else {
    ({ status, stderr, peak: peakRss } = await runPolled('sqlite3', [db], script));
  }
  const ms = msSince(t0);
  if (status !== 0 || stderr.trim()) throw new Error(`sqlite3 .import of ${csv} failed (exit ${status}): ${stderr.trim()}`);
  const info = spawnSync('sqlite3', [db, 'SELECT count(*) FROM roster; PRAGMA journal_mode; PRAGMA synchronous;'], { encoding: 'utf8' });
  const [count, journal, synchronous] = info.stdout.trim().split('\n');
  const dbBytes = fs.statSync(db).size;
  fs.rmSync(db, { force: true });
  return {
    ms,
    peakRss,
    rows: Number(count),
    journal,
    synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(synchronous)] ?? synchronous,
    dbBytes,
  };
}

// ---- the benchmark -------------------------------------------------------------------------

/** Rebuild dist/cloudfunctions if the roster bundle is older than any source it is built from. */
async function ensureFunctionsBuilt(tag: (m: string) => void) {
  const bundle = path.join(ROOT, 'dist/cloudfunctions/roster/index.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
    }, 0);
  const sources = Math.max(...['cloudfunctions', 'contract', 'database'].map((d) => newest(path.join(ROOT, d))));
  if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= sources) return;
  const { names, ms } = await buildFunctions();
  tag(`built functions (${names.join(', ')}) in ${fmt(ms)} ms`);
}

interface SizeResult {
  rows: number;
  scale: string;
  csvBytes: number;
  first: ImportRun;
  again: ImportRun | null;
  idleRss: number;
  sqlite: SqliteRun[];
  /** Reading the whole file as the function does, without validating (see parseOnlyMs). */
  parseMs: number;
}

const bench: Bench = {
  name: 'rosterImport',
  async run(log) {
    const sqlite = sqliteVersion();
    const timeTool = fs.existsSync(TIME_BIN);
    if (!timeTool) log(`${TIME_BIN} not found (apt-get install time): sqlite3's peak memory is polled from /proc instead`);
    await ensureFunctionsBuilt(log);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-bench-roster-'));
    const results: SizeResult[] = [];
    try {
      for (const [i, rows] of SIZES.entries()) {
        const tag = (m: string) => log(`[${num(rows)}] ${m}`);
        const csv = path.join(work, `roster-${rows}.csv`);
        const { scale, bytes } = writeCsv(csv, rows);
        tag(`CSV: ${mib(bytes)} (${num(bytes)} bytes), scripts/demo-data.ts --scale ${scale}`);

        const sq: SqliteRun[] = [];
        for (let n = 0; n < SQLITE_RUNS; n++) {
          const r = await sqliteImport(csv, work, n);
          if (r.rows !== rows) throw new Error(`sqlite3 imported ${r.rows} rows of ${rows}`);
          sq.push(r);
        }
        tag(`sqlite3 .import: ${sq.map((r) => `${fmt(r.ms)} ms`).join(', ')}; peak RSS ${mib(Math.max(...sq.map((r) => r.peakRss)))}`);

        tag('starting a fresh emulator…');
        const emu = await startEmulator();
        try {
          const idleRss = procStatus(emu.cloud.pid()!)?.rss ?? Number.NaN;
          tag(`import (emulator pid ${emu.cloud.pid()}, RSS ${mib(idleRss)} idle)…`);
          const first = await importOnce(emu, csv, rows, tag);
          check(`import of ${rows} rows`, first, rows, { inserted: rows, updated: 0, unchanged: 0 });
          tag(
            `  done: ${dur(first.importMs)} (validate ${dur(first.validateMs)}, write ${dur(first.writeMs)}), ${fmt(rows / (first.importMs / 1000))} rows/s, ` +
              `${first.calls.length} calls, peak RSS ${mib(first.rssImport.peak)}, ${num(first.docs)} documents`,
          );
          let again: ImportRun | null = null;
          if (i === 0) {
            tag('the same file again (nothing changed)…');
            again = await importOnce(emu, csv, rows, tag);
            check(`re-import of ${rows} rows`, again, rows, { inserted: 0, updated: 0, unchanged: rows });
            tag(`  done: ${dur(again.importMs)}, ${again.calls.length} calls, peak RSS ${mib(again.rssImport.peak)}`);
          }
          results.push({ rows, scale, csvBytes: bytes, first, again, idleRss, sqlite: sq, parseMs: Number.NaN });
        } finally {
          process.off('exit', emu.kill);
          await emu.cloud.stop();
          fs.rmSync(emu.cloud.dataDir, { recursive: true, force: true });
        }
        const parseMs = await parseOnlyMs(csv);
        results[results.length - 1].parseMs = parseMs;
        tag(`reading the file as the function does, without validating: ${dur(parseMs)}`);
        fs.rmSync(csv, { force: true });
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    return report(results, sqlite, timeTool);
  },
};

/** Every call in order; or, when there are many, the calls grouped by where in the file they started. */
function callTable(r: SizeResult): string {
  const calls = r.first.calls;
  if (calls.length <= 12) {
    return `Every \`import.run\` call, in order: the row it started from (the job's cursor), how long it took, the rows it wrote.

${table(
  ['call', 'from row', 'time', 'rows written', 'rows/s', ''],
  calls.map((c, i) => [
    `#${i + 1}`,
    num(c.before),
    dur(c.ms),
    num(c.rows),
    c.rows ? fmt(c.rows / (c.ms / 1000)) : '—',
    c.error ? 'failed' : `${c.phaseBefore} → ${c.phaseAfter}`,
  ]),
  ['l', 'r', 'r', 'r', 'r', 'l'],
)}`;
  }
  const tenth = r.rows / 10;
  const groups = Array.from({ length: 10 }, (_, g) =>
    calls.filter((c) => c.phaseBefore === 'write' && Math.min(9, Math.floor(c.before / tenth)) === g),
  );
  const validateCalls = calls.filter((c) => c.phaseBefore === 'validate');
  const line = (label: string, cs: Call[]) => {
    const ms = cs.reduce((t, c) => t + c.ms, 0);
    const rows = cs.reduce((t, c) => t + c.rows, 0);
    const failed = cs.filter((c) => c.error).length;
    return [
      label,
      `${cs.length}${failed ? ` (${failed} failed)` : ''}`,
      dur(ms),
      num(rows),
      rows ? fmt(rows / (ms / 1000)) : '—',
      dur(Math.max(...cs.map((c) => c.ms))),
    ];
  };
  return `All ${calls.length} \`import.run\` calls, grouped by the row each started from (the job's cursor when it was called):

${table(
  ['calls starting at rows', 'calls', 'time', 'rows written', 'rows/s', 'longest'],
  [
    ...(validateCalls.length ? [line('validation', validateCalls)] : []),
    ...groups.flatMap((cs, g) => (cs.length ? [line(`${num(g * tenth)} – ${num((g + 1) * tenth)}`, cs)] : [])),
  ],
)}`;
}

function validateExact(results: SizeResult[]): string {
  const runs = results.flatMap((r) => [r.first, r.again]).filter((x): x is ImportRun => !!x);
  const worst = Math.max(...runs.map((x) => x.validateErrMs));
  return worst === 0 ? 'exact in every run here' : `at worst ±${fmt(worst, 0)} ms here`;
}

function report(results: SizeResult[], sqliteVer: string, timeTool: boolean): string {
  const head = results.map((r) => `${num(r.rows)} rows (${r.scale})`);
  const sqMs = (r: SizeResult) => median(r.sqlite.map((s) => s.ms));
  const sqPeak = (r: SizeResult) => Math.max(...r.sqlite.map((s) => s.peakRss));
  const row = (label: string, f: (r: SizeResult) => string) => [label, ...results.map(f)];
  const sq0 = results[0].sqlite[0];
  const district = results.find((r) => r.again);
  const biggest = results[results.length - 1];

  const main = table(
    ['', ...head],
    [
      row('CSV file', (r) => `${mib(r.csvBytes)}`),
      row('**Emulator**: upload (SDK `uploadFile`)', (r) => `${dur(r.first.uploadMs)}`),
      row('import: `import.start` → `done`', (r) => `**${dur(r.first.importMs)}**`),
      row('— `import.start` (a cold function instance)', (r) => `${dur(r.first.startMs)}`),
      row('— validate (whole file, one pass)', (r) => `${dur(r.first.validateMs)}`),
      row('— write (500-row chunks)', (r) => `${dur(r.first.writeMs)}`),
      row('rows/s (import)', (r) => fmt(r.rows / (r.first.importMs / 1000))),
      row('upload + import', (r) => `${dur(r.first.uploadMs + r.first.importMs)}`),
      row('`import.run` calls (of which failed)', (r) => `${r.first.calls.length} (${r.first.calls.filter((c) => c.error).length})`),
      row(`longest call (limit ${LIMIT_S} s)`, (r) => `${dur(Math.max(...r.first.calls.map((c) => c.ms)))}`),
      row('slowest answer to a job-doc poll (emulator stall)', (r) => dur(r.first.slowestPollMs)),
      row('emulator WAL compactions during the import', (r) => String(r.first.compactions)),
      row('emulator RSS: idle → peak during import', (r) => `${mib(r.idleRss)} → ${mib(r.first.rssImport.peak)}`),
      row('emulator RSS after the import', (r) => mib(r.first.rssImport.end)),
      row('emulator database on disk (WAL + snapshot)', (r) => mib(r.first.dbBytes)),
      row('documents in `retirees` afterwards', (r) => num(r.first.docs)),
      row(`**sqlite3**: \`.import\` (median of ${SQLITE_RUNS})`, (r) => `**${dur(sqMs(r))}**`),
      row('rows/s', (r) => fmt(r.rows / (sqMs(r) / 1000))),
      row('peak RSS', (r) => mib(sqPeak(r))),
      row('database file', (r) => mib(r.sqlite[0].dbBytes)),
      row('**Ratio** emulator import ÷ sqlite3', (r) => `**${fmtRatio(r.first.importMs / sqMs(r))}**`),
      row('ratio (upload + import) ÷ sqlite3', (r) => fmtRatio((r.first.uploadMs + r.first.importMs) / sqMs(r))),
      row('ratio of peak RSS, emulator ÷ sqlite3', (r) => fmtRatio(r.first.rssImport.peak / sqPeak(r))),
    ],
  );

  const reimport = district?.again
    ? `### The same ${num(district.rows)}-row file again, nothing changed

${table(
  ['', 'first import', 'again'],
  [
    ['upload', `${dur(district.first.uploadMs)}`, `${dur(district.again.uploadMs)}`],
    ['import', `${dur(district.first.importMs)}`, `${dur(district.again.importMs)}`],
    ['— validate', `${dur(district.first.validateMs)}`, `${dur(district.again.validateMs)}`],
    ['— write', `${dur(district.first.writeMs)}`, `${dur(district.again.writeMs)}`],
    ['rows/s', fmt(district.rows / (district.first.importMs / 1000)), fmt(district.rows / (district.again.importMs / 1000))],
    ['`import.run` calls', String(district.first.calls.length), String(district.again.calls.length)],
    ['peak emulator RSS', mib(district.first.rssImport.peak), mib(district.again.rssImport.peak)],
    [
      'inserted / updated / unchanged',
      `${num(district.first.job.inserted)} / ${num(district.first.job.updated)} / ${num(district.first.job.unchanged)}`,
      `${num(district.again.job.inserted)} / ${num(district.again.job.updated)} / ${num(district.again.job.unchanged)}`,
    ],
    ['documents afterwards', num(district.first.docs), num(district.again.docs)],
  ],
)}

Unchanged rows are still read, validated, HMAC-hashed and looked up (500 at a time by \`idHash\`), and their
facts hash computed (with the same \`rosterFields\` a new row gets, so their numbers are encrypted too) and compared;
nothing is written to \`retirees\`, only the job's progress, once per chunk.
`
    : '';

  const failures = results.flatMap((r) =>
    [r.first, r.again]
      .filter((x): x is ImportRun => !!x)
      .flatMap((x, k) => [
        ...x.calls
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => c.error)
          .map(
            ({ c, i }) =>
              `- ${num(r.rows)} rows${k ? ', re-import' : ''}: \`import.run\` #${i + 1} (from row ${num(c.before)}) failed after ${dur(c.ms)}: ${c.error}`,
          ),
        ...x.pollErrors.map((e) => `- ${num(r.rows)} rows${k ? ', re-import' : ''}: a job-doc poll failed: ${e}`),
      ]),
  );
  const stallRuns = results
    .flatMap((r) => [
      { label: `${num(r.rows)} rows`, x: r.first },
      ...(r.again ? [{ label: `${num(r.rows)} rows again`, x: r.again }] : []),
    ])
    .filter(({ x }) => x.stalls.length || x.compactions);
  const stallText =
    failures.length || stallRuns.length
      ? `### Stalls and failed calls

The emulator's write-ahead log (emulator/database/wal.ts) is compacted whenever it passes 128 MiB: the whole
database is written out as a new snapshot (every document serialised to JSON, written, fsynced) synchronously on
the emulator's main thread, which answers nothing else meanwhile, and the larger the database the longer it takes.
Compactions, and job-doc polls answered after more than ${dur(STALL_MS)} (seconds into the import: how long; polls that
failed are listed further down):

${stallRuns.map(({ label, x }) => `- ${label}: ${x.compactions} compaction${x.compactions === 1 ? '' : 's'}; ${x.stalls.length ? x.stalls.map(([at, ms]) => `${fmt(at, 0)} s: ${dur(ms)}`).join(', ') : 'no slow poll'}`).join('\n')}

A request that arrives during a stall waits for it, and can fail two ways: after the SDK's 15 s request timeout
(\`ESOCKETTIMEDOUT\`), or with \`ECONNRESET\` when the emulator, coming out of a stall longer than its 5 s keep-alive
timeout, closes the idle connection the request was just sent on (Node runs the expired timer before it reads the
request). The job-doc polls below met both; a database call inside the function that fails either way makes
\`import.run\` answer INTERNAL (the timeout was seen in the emulator's own log in a separate run). The console
retries a failed call (after 1 s, then 2 s; three failures in a row and it stops), and so does this benchmark; the
job resumes from its last committed chunk, so nothing is lost or counted twice, only the failed call's unfinished
chunk is done again. The stalls are the emulator's, not the import's.
${failures.length ? `\n${failures.join('\n')}\n` : ''}`
      : '';

  const sliceTable =
    biggest.first.calls.length > 1
      ? `### ${num(biggest.rows)} rows: the calls

${callTable(biggest)}

A write slice validates and writes 500-row chunks until its budget (${STEP}) is spent, checked after each chunk, so
a call runs over the budget by up to one chunk, and by any stall of the emulator. For scale: reading the whole file
the way the function does (decode and parse, no validation) took ${dur(biggest.parseMs)} here, in the benchmark's own process;
that is the most a slice can spend finding its place in the file when it has to read it from the top.
`
      : '';

  return `
## Roster import: the emulator, end to end, vs. \`sqlite3 .import\`

${machineNotes()}
- Data: the demo roster as CSV, exactly as \`npm run demo-data -- --scale <district|city> --out …\` writes it
  (seed ${DEFAULT_SEED}, today ${DEFAULT_TODAY}; UTF-8 with BOM, CRLF, the template's 11 columns, every row valid, ID numbers
  unique). Written before each size's runs and not timed. Sizes run: ${results.map((r) => num(r.rows)).join(', ')} rows.
- **Emulator**: a fresh local cloud per size (test/support/localCloud.ts: \`emulator/cli.ts\` as a child process,
  data folder in ${os.tmpdir()}, the built roster function from \`dist/cloudfunctions\` running in its functions host's
  worker threads), no demo data, one district-wide staff account. The file is read into memory, then uploaded with
  \`@cloudbase/node-sdk\` \`uploadFile\` (timed on its own). The import is \`import.start\` then \`import.run\` until
  the job is \`done\`, called one after another over \`POST /h5/functions/roster\` as the console page does
  (src/features/rosterImport/api/run-import.ts), with the job's default slice budget (${STEP} of work per call) within
  the function's ${LIMIT_S} s limit (cloudbaserc.json). Import time is the client's wall clock from \`import.start\` to the
  reply that says \`done\`; one run per size. The first size is then uploaded and imported again, unchanged.
- Phases: validate = the job's \`createdAt\` → the moment it moved to \`write\`, write = that → \`finishedAt\`, from
  the job document in \`import_jobs\`, polled through the SDK every ${POLL_MS} ms during the import (exact when a poll
  caught the job at cursor 0, otherwise to ±${POLL_MS / 2} ms; ${validateExact(results)}).
- Emulator memory: the resident set of the emulator process (database, HTTP server and the functions' worker
  threads are one process): VmHWM from \`/proc/<pid>/status\`${results[0].first.rssImport.kernel ? ', reset with `clear_refs` before each step' : ''}, and VmRSS polled every ${RSS_MS} ms.
- Every import was checked: the job \`done\` with total = processed = the row count and no invalid rows, and
  \`retirees\` holding exactly one document per row afterwards; the benchmark fails otherwise.
- **sqlite3** ${sqliteVer} (Debian package \`sqlite3\`): in a fresh database file in ${os.tmpdir()} (same disk), a table with
  the same 11 columns (TEXT) and \`CREATE UNIQUE INDEX … ("身份证号")\`, created before the import, then
  \`.import --csv --skip 1 <file> roster\`. Journal: the default rollback journal (\`journal_mode=${sq0.journal}\`,
  \`synchronous=${sq0.synchronous}\`), not WAL; the shell runs the whole \`.import\` as one transaction, so it syncs once at
  the commit. Timed as the whole \`sqlite3\` process, ${SQLITE_RUNS} runs per size (median); peak memory is its maximum
  resident set ${timeTool ? 'from `/usr/bin/time -v` (Debian package `time`)' : 'polled from /proc (VmHWM; /usr/bin/time was not installed)'}.
  Every run's row count was checked.

### Results

${main}

${reimport}
${sliceTable}
${stallText}
### Reading the ratio

\`sqlite3 .import\` splits lines on commas and appends text to a B-tree, checking one unique index, inside a single
transaction with one sync at the end. The import does much more per row: it validates every field in staff's terms
(the ID number's checksum, and its birth date and sex against the other columns, dates, phone, street, yes/no
columns), with a message in Chinese per problem, and finds repeated ID numbers across the file before writing
anything. Each row stored gets an HMAC-SHA256 of its ID and phone number and of its facts (to recognise unchanged
rows), and AES-256-GCM encryption of both numbers with a fresh IV, as the product stores personal data. Writes go
500 rows at a time through the SDK over HTTP as JSON to the emulator, which appends each change to its write-ahead
log and fdatasyncs it before replying; every chunk also looks its rows up by \`idHash\` first (so a re-import
updates instead of duplicating) and commits its progress to the job document under a lease, so a crash or timeout
at any point resumes without counting a row twice. The file itself travels through storage (upload, fsync, then a
download into the function), and the work is cut into calls that each fit the function's time limit. So the ratio
is the price of validation, encryption, durability per chunk and resumability, not of parsing CSV.
`;
}

export default bench;

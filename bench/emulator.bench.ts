import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { Query } from 'mingo';
import { COLLECTIONS, collections } from '../database/collections';
import { startEmulator } from '../emulator/cli';
import { Database } from '../emulator/database/engine';
import { COMMUNITIES, idHashOf, prng, type RosterDoc, rosterDoc, rosterDocs, STREETS } from './lib/data';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, fmtMs, fmtRatio, msSince, now, pool, type Summary, summarize, table, timeEach } from './lib/stats';

/**
 * The emulator through `@cloudbase/node-sdk` over HTTP vs. the same storage engine
 * (`Database`) called directly in-process: bulk and single inserts, a unique-index
 * lookup, and sorted range / equality queries, on a roster-shaped collection of 100,000 documents.
 *
 * Both sides use the product's real `retirees` collection declaration (unique index on
 * idHash, index street_community, index phone_hash), each in its own fresh temp data
 * folder, and both write through the real write-ahead log (fdatasync per group commit).
 * BENCH_DOCS=<n> shrinks the data set for a quick try; the results say what was run.
 */
const SEED = 20240611;
const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const BATCH = 500;
const IN_FLIGHT = 4;
const SINGLES = 2_000;
const LOOKUPS = 2_000;
const QUERY_RUNS = 200;
/** The extra street+community query (not in the brief) runs fewer times to keep the whole bench near 3 minutes. */
const EXTRA_QUERY_RUNS = 100;
const WARMUP_LOOKUPS = 200;
const WARMUP_QUERIES = 10;
const PROBE_LOOKUPS = 50;
const BREAKDOWN_RUNS = 20;
const COLL = COLLECTIONS.retirees;

/** The query the SDK's `where({ birthYear: _.gte(1950).and(_.lt(1955)) })` puts on the wire, as the API layer decodes it. */
const RANGE_QUERY = { $and: [{ birthYear: { $gte: 1950 } }, { birthYear: { $lt: 1955 } }] };
const BY_CERT_DESC = { lastCertifiedAt: -1 as const };

interface Side {
  label: string;
  dataDir: string;
  insertBatch(docs: RosterDoc[]): Promise<unknown>;
  insertOne(doc: RosterDoc): Promise<unknown>;
  lookup(idHash: string): Promise<any[]>;
  range(): Promise<any[]>;
  community(c: string): Promise<any[]>;
  streetCommunity(street: string, c: string): Promise<any[]>;
  /** SDK only: lookups with the SDK's off-cloud metadata probe left on (see sdkSide). */
  probeLookups?(hashes: string[]): Promise<number[]>;
  /** Direct only: the range query taken apart (see directSide). */
  breakdown?(runs: number): Breakdown;
  stop(): Promise<void>;
}

/**
 * Off Tencent Cloud, @cloudbase/node-sdk (3.18.3) asks http://metadata.tencentyun.com whether it
 * runs on Tencent Cloud before every request (utils/cloudplatform.js → metadata.js lookupAppId,
 * twice per call), and caches the answer only when the probe succeeds — so where that host
 * does not resolve, every call pays for two failed probes. Cloud functions (and the emulator's
 * functions host) run with TENCENTCLOUD_RUNENV=SCF, which skips the probe; the project's scripts
 * do the same (emulator/sdkEnv.ts). The benchmark does too, and measures the probe separately.
 */
const SCF_ENV = { TENCENTCLOUD_RUNENV: 'SCF', SCF_NAMESPACE: 'bench', TENCENTCLOUD_REGION: 'ap-shanghai' };

async function sdkSide(dataDir: string): Promise<Side> {
  const saved = Object.fromEntries(Object.keys(SCF_ENV).map((k) => [k, process.env[k]]));
  const restoreEnv = () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  Object.assign(process.env, SCF_ENV);
  const emu = await startEmulator({ port: 0, dataDir, functionsDir: path.join(dataDir, 'functions'), envId: 'bench' });
  const app = tcb.init({ env: 'bench', serviceUrl: emu.adminUrl, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  const _ = db.command;
  const coll = db.collection(COLL);
  const check = (r: any) => {
    if (r?.code) throw new Error(`${r.code}: ${r.message}`);
    return r;
  };
  return {
    label: 'SDK over HTTP',
    dataDir,
    insertBatch: async (docs) => check(await coll.add(docs as any)),
    insertOne: async (doc) => check(await coll.add(doc as any)),
    lookup: async (h) => check(await coll.where({ idHash: h }).get()).data,
    range: async () =>
      check(
        await coll
          .where({ birthYear: _.gte(1950).and(_.lt(1955)) })
          .orderBy('lastCertifiedAt', 'desc')
          .limit(50)
          .get(),
      ).data,
    community: async (c) => check(await coll.where({ community: c }).orderBy('lastCertifiedAt', 'desc').limit(50).get()).data,
    streetCommunity: async (s, c) =>
      check(await coll.where({ street: s, community: c }).orderBy('lastCertifiedAt', 'desc').limit(50).get()).data,
    probeLookups: async (hashes) => {
      restoreEnv();
      delete process.env.TENCENTCLOUD_RUNENV;
      try {
        return await timeEach(hashes.length, async (i) => {
          const list = check(await coll.where({ idHash: hashes[i] }).get()).data;
          if (list.length !== 1) throw new Error(`probe lookup ${i}: ${list.length} docs`);
        });
      } finally {
        Object.assign(process.env, SCF_ENV);
      }
    },
    stop: async () => {
      await emu.stop();
      restoreEnv();
    },
  };
}

interface Breakdown {
  matched: number;
  match: Summary;
  mingoSort: Summary;
  mingoSortNumber: Summary;
  plainTopK: Summary;
  /** Match step only (no sort) of the community queries: full scan vs. the street index. */
  communityMatch: Summary;
  streetCommunityCandidates: Summary;
  streetCommunityMatch: Summary;
  streetCandidates: number;
}

async function directSide(dataDir: string): Promise<Side> {
  const db = new Database(path.join(dataDir, 'db')).open(collections);
  await db.barrier();
  // The same engine calls the /admin handlers make (emulator/apis/database.ts), minus HTTP, EJSON and the SDK.
  return {
    label: 'engine direct',
    dataDir,
    insertBatch: (docs) => db.commit(db.planInsert(COLL, docs)),
    insertOne: (doc) => db.commit(db.planInsert(COLL, [doc])),
    lookup: async (h) => db.find(COLL, { idHash: h }, { offset: 0, limit: 100 }).list,
    range: async () => db.find(COLL, RANGE_QUERY, { order: BY_CERT_DESC, offset: 0, limit: 50 }).list,
    community: async (c) => db.find(COLL, { community: c }, { order: BY_CERT_DESC, offset: 0, limit: 50 }).list,
    streetCommunity: async (s, c) => db.find(COLL, { street: s, community: c }, { order: BY_CERT_DESC, offset: 0, limit: 50 }).list,
    // Database.find = match (candidates + mingo Query.test) then mingo find().sort().skip().limit().
    // Time the two halves separately, and the sort again with the Date key replaced by its epoch
    // number, and a plain top-50 selection, to show what the sort step costs and could cost.
    breakdown: (runs) => {
      const coll = db.collection(COLL);
      const match: number[] = [];
      const mingoSort: number[] = [];
      const mingoSortNumber: number[] = [];
      const plainTopK: number[] = [];
      let matched = 0;
      for (let i = 0; i < runs; i++) {
        let t = now();
        const m = db.match(coll, RANGE_QUERY);
        match.push(msSince(t));
        matched = m.length;
        t = now();
        new Query({}).find(m).sort(BY_CERT_DESC).skip(0).limit(50).all();
        mingoSort.push(msSince(t));
        const asNumbers = m.map((d) => ({ ...d, lastCertifiedAt: (d.lastCertifiedAt as Date).getTime() }));
        t = now();
        new Query({}).find(asNumbers).sort(BY_CERT_DESC).skip(0).limit(50).all();
        mingoSortNumber.push(msSince(t));
        t = now();
        topK(m, 50, (d) => (d.lastCertifiedAt as Date).getTime());
        plainTopK.push(msSince(t));
      }
      const communityMatch: number[] = [];
      const streetCommunityCandidates: number[] = [];
      const streetCommunityMatch: number[] = [];
      let streetCandidates = 0;
      for (let i = 0; i < runs; i++) {
        const c = i % COMMUNITIES.length;
        const q = { street: STREETS[c % STREETS.length], community: COMMUNITIES[c] };
        let t = now();
        db.match(coll, { community: COMMUNITIES[c] });
        communityMatch.push(msSince(t));
        t = now();
        streetCandidates = [...coll.candidates(q)].length;
        streetCommunityCandidates.push(msSince(t));
        t = now();
        db.match(coll, q);
        streetCommunityMatch.push(msSince(t));
      }
      return {
        matched,
        match: summarize(match),
        mingoSort: summarize(mingoSort),
        mingoSortNumber: summarize(mingoSortNumber),
        plainTopK: summarize(plainTopK),
        communityMatch: summarize(communityMatch),
        streetCommunityCandidates: summarize(streetCommunityCandidates),
        streetCommunityMatch: summarize(streetCommunityMatch),
        streetCandidates,
      };
    },
    stop: async () => {
      await db.barrier();
      db.close();
    },
  };
}

/** The k documents with the largest key, largest first (insertion into a small sorted buffer). */
function topK<T>(docs: T[], k: number, key: (d: T) => number): T[] {
  const keys: number[] = [];
  const out: T[] = [];
  for (const d of docs) {
    const v = key(d);
    if (out.length === k && v <= keys[k - 1]) continue;
    let i = out.length === k ? k - 1 : out.length;
    while (i > 0 && keys[i - 1] < v) {
      keys[i] = keys[i - 1];
      out[i] = out[i - 1];
      i--;
    }
    keys[i] = v;
    out[i] = d;
  }
  return out;
}

interface SideResult {
  bulkMs: number;
  batchLat: Summary;
  batchFirst: Summary;
  batchLast: Summary;
  singleMs: number;
  singleLat: Summary;
  lookup: Summary;
  probe: Summary | null;
  range: Summary;
  breakdown: Breakdown | null;
  community: Summary;
  streetCommunity: Summary;
  walBytes: number;
  reopenMs: number;
  reopenCount: number;
  /** idHashes of the first result of each query, to check both sides answer alike. */
  answers: Record<string, string[]>;
}

const idHashes = (list: any[]) => list.map((d) => d.idHash as string);

function assertSortedDesc(list: any[], what: string) {
  for (let i = 1; i < list.length; i++) {
    if (new Date(list[i - 1].lastCertifiedAt).getTime() < new Date(list[i].lastCertifiedAt).getTime()) {
      throw new Error(`${what}: results not sorted by lastCertifiedAt desc`);
    }
  }
}

async function runSide(make: (dir: string) => Promise<Side>, log: (m: string) => void): Promise<SideResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-bench-emulator-'));
  const side = await make(dataDir);
  const tag = (m: string) => log(`${side.label}: ${m}`);
  try {
    // 1. Bulk insert: DOCS documents in batches of BATCH, IN_FLIGHT requests at a time.
    const batches = Math.ceil(DOCS / BATCH);
    tag(`bulk insert ${fmt(DOCS)} docs (${batches} batches of ${BATCH}, ${IN_FLIGHT} in flight)…`);
    const step = Math.max(1, Math.floor(batches / 5));
    // Documents are generated before the clock starts; only the inserts are timed.
    const prepared = Array.from({ length: batches }, (_, b) => rosterDocs(SEED, b * BATCH, Math.min(DOCS, (b + 1) * BATCH)));
    const bulk = await pool(
      batches,
      IN_FLIGHT,
      (b) => side.insertBatch(prepared[b]),
      (done) => {
        if (done % step === 0 || done === batches) tag(`  ${done}/${batches} batches`);
      },
    );
    prepared.length = 0;
    const edge = Math.max(1, Math.floor(batches / 10));
    const batchFirst = summarize(bulk.latencies.slice(0, edge));
    const batchLast = summarize(bulk.latencies.slice(-edge));
    tag(`  ${fmt((DOCS / bulk.wallMs) * 1000)} docs/s; batch p50 first 10% ${fmtMs(batchFirst.p50)}, last 10% ${fmtMs(batchLast.p50)}`);

    // 2. Single-document inserts, one after another (each one waits for its fsync).
    tag(`${fmt(SINGLES)} single-document inserts…`);
    const singles = rosterDocs(SEED, DOCS, DOCS + SINGLES);
    const t0 = now();
    const singleLat = await timeEach(SINGLES, (i) => side.insertOne(singles[i]));
    const singleMs = msSince(t0);
    tag(`  ${fmt((SINGLES / singleMs) * 1000)} docs/s, p50 ${fmtMs(summarize(singleLat).p50)}`);
    const total = DOCS + SINGLES;

    // 3. Unique-index lookups by idHash, sequential, over random rows of everything inserted.
    const pickRows = (seed: number, n: number) => {
      const r = prng(seed);
      return Array.from({ length: n }, () => Math.floor(r() * total));
    };
    const warm = pickRows(SEED + 1, WARMUP_LOOKUPS);
    for (const i of warm) await side.lookup(idHashOf(SEED, i));
    const rows = pickRows(SEED + 2, LOOKUPS);
    const hashes = rows.map((i) => idHashOf(SEED, i));
    tag(`${fmt(LOOKUPS)} lookups by idHash…`);
    const found: any[][] = new Array(LOOKUPS);
    const lookupLat = await timeEach(LOOKUPS, async (i) => {
      found[i] = await side.lookup(hashes[i]);
    });
    found.forEach((list, i) => {
      if (list.length !== 1 || list[0].idHash !== hashes[i])
        throw new Error(`lookup ${i}: expected exactly row ${rows[i]}, got ${list.length} docs`);
    });
    tag(`  p50 ${fmtMs(summarize(lookupLat).p50)}`);
    let probe: Summary | null = null;
    if (side.probeLookups) {
      tag(`${PROBE_LOOKUPS} lookups without TENCENTCLOUD_RUNENV (SDK metadata probe on)…`);
      probe = summarize(await side.probeLookups(hashes.slice(0, PROBE_LOOKUPS)));
      tag(`  p50 ${fmtMs(probe.p50)}`);
    }

    // 4. Sorted queries.
    const answers: Record<string, string[]> = {};
    const queryRuns = async (name: string, fn: (i: number) => Promise<any[]>, runs = QUERY_RUNS) => {
      for (let i = 0; i < WARMUP_QUERIES; i++) await fn(i);
      tag(`${runs} × ${name}…`);
      let first: any[] = [];
      const lat = await timeEach(runs, async (i) => {
        const list = await fn(i);
        if (i === 0) first = list;
        else if (list.length !== 50) throw new Error(`${name}: expected 50 docs, got ${list.length}`);
      });
      if (first.length !== 50) throw new Error(`${name}: expected 50 docs, got ${first.length}`);
      assertSortedDesc(first, name);
      answers[name] = idHashes(first);
      const s = summarize(lat);
      tag(`  p50 ${fmtMs(s.p50)}, p99 ${fmtMs(s.p99)}`);
      return s;
    };
    const range = await queryRuns('range', () => side.range());
    let breakdown: Breakdown | null = null;
    if (side.breakdown) {
      tag(`range query taken apart (${BREAKDOWN_RUNS} runs)…`);
      breakdown = side.breakdown(BREAKDOWN_RUNS);
      tag(`  match p50 ${fmtMs(breakdown.match.p50)}, mingo sort p50 ${fmtMs(breakdown.mingoSort.p50)}`);
    }
    const community = await queryRuns('community', (i) => side.community(COMMUNITIES[i % COMMUNITIES.length]));
    const streetCommunity = await queryRuns(
      'street+community',
      (i) => {
        const c = i % COMMUNITIES.length;
        return side.streetCommunity(STREETS[c % STREETS.length], COMMUNITIES[c]);
      },
      EXTRA_QUERY_RUNS,
    );

    await side.stop();

    // 5. Durability: what is on disk, and does a fresh engine recover every document from it?
    const dbDir = path.join(dataDir, 'db');
    const walBytes = fs.readdirSync(dbDir).reduce((n, f) => n + fs.statSync(path.join(dbDir, f)).size, 0);
    const t1 = now();
    const reopened = new Database(dbDir).open(collections);
    const reopenCount = reopened.count(COLL, undefined);
    const reopenMs = msSince(t1);
    reopened.close();
    if (reopenCount !== total) throw new Error(`recovered ${reopenCount} docs from ${dbDir}, expected ${total}`);
    tag(`recovered ${fmt(reopenCount)} docs from ${fmt(walBytes / 2 ** 20, 1)} MiB on disk in ${fmtMs(reopenMs)}`);

    return {
      bulkMs: bulk.wallMs,
      batchLat: summarize(bulk.latencies),
      batchFirst,
      batchLast,
      singleMs,
      singleLat: summarize(singleLat),
      lookup: summarize(lookupLat),
      probe,
      range,
      breakdown,
      community,
      streetCommunity,
      walBytes,
      reopenMs,
      reopenCount,
      answers,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The raw cost the WAL pays per group commit on this disk: append a line, fdatasync. */
async function fsyncBaseline(n = 200): Promise<Summary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-bench-fsync-'));
  try {
    const fd = fs.openSync(path.join(dir, 'probe.log'), 'a');
    const line = Buffer.from(`${JSON.stringify(rosterDoc(SEED, 0))}\n`);
    const lat = await timeEach(n, () => {
      fs.writeSync(fd, line);
      fs.fdatasyncSync(fd);
    });
    fs.closeSync(fd);
    return summarize(lat);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  name: 'emulator',
  async run(log) {
    log(`data: ${fmt(DOCS)} + ${fmt(SINGLES)} roster docs, seed ${SEED}; temp dirs under ${os.tmpdir()}`);
    const fsync = await fsyncBaseline();
    log(`raw append+fdatasync: p50 ${fmtMs(fsync.p50)}, p99 ${fmtMs(fsync.p99)}`);
    const sdk = await runSide(sdkSide, log);
    const direct = await runSide(directSide, log);

    // Both sides got the same documents and the same queries, so the answers must agree.
    const mismatched = Object.keys(sdk.answers).filter((k) => sdk.answers[k].join() !== direct.answers[k].join());
    if (mismatched.length) throw new Error(`SDK and direct answers differ for: ${mismatched.join(', ')}`);
    log('SDK and direct return the same documents for every query');

    const rate = (n: number, ms: number) => (n / ms) * 1000;
    const rateRow = (label: string, s: number, d: number) => [label, fmt(s), fmt(d), fmtRatio(d / s)];
    const latRows = (label: string, s: Summary, d: Summary) => [
      [`${label} — p50`, fmtMs(s.p50), fmtMs(d.p50), fmtRatio(s.p50 / d.p50)],
      [`${label} — p99`, fmtMs(s.p99), fmtMs(d.p99), fmtRatio(s.p99 / d.p99)],
    ];
    const total = DOCS + SINGLES;

    return `
## Emulator: SDK over HTTP vs. the storage engine direct

${machineNotes()}
- Data: ${fmt(DOCS)} roster-shaped documents (name, street — 4 values, community — 20 values, idHash — unique
  64-hex, birthYear 1935–1965, lastCertifiedAt Date), generated from seed ${SEED} (bench/lib/data.ts), then
  ${fmt(SINGLES)} more added one at a time: ${fmt(total)} in all. Collection \`${COLL}\` with the product's own
  declaration (database/collections.ts): unique index on idHash, index {street, community}, index phoneHash.
- **SDK**: \`@cloudbase/node-sdk\` → \`startEmulator\` (emulator/cli.ts) over HTTP on 127.0.0.1, client and
  emulator in the same Node process (so they share one event loop and CPU). **Direct**: \`Database\`
  (emulator/database/engine.ts) called in-process with the same calls the \`/admin\` handlers make.
  Each side starts from its own fresh temp data folder (${os.tmpdir()}).
- **Writes are durable on both sides**: the write-ahead log is appended and \`fdatasync\`ed (group commit)
  before an insert resolves, and the emulator replies to nothing before that. On this disk a raw
  append+fdatasync takes p50 ${fmtMs(fsync.p50)}, p99 ${fmtMs(fsync.p99)} (200 probes; on a virtual disk, whether the
  host flushes to media is beyond what the guest can see). After each side finished, a fresh \`Database\`
  recovered all ${fmt(total)} documents from its folder (SDK side: ${fmt(sdk.walBytes / 2 ** 20, 1)} MiB in ${fmtMs(sdk.reopenMs)}; direct: ${fmt(direct.walBytes / 2 ** 20, 1)} MiB in ${fmtMs(direct.reopenMs)}).
- Latencies: wall time per call (\`process.hrtime.bigint\`), calls issued one after another, after
  ${WARMUP_LOOKUPS} warm-up lookups / ${WARMUP_QUERIES} warm-up runs per query (not counted). Percentiles by linear
  interpolation between closest ranks. Ratios: SDK ÷ direct for latencies, direct ÷ SDK for rates
  (so higher = the SDK path costs more). Both sides returned identical result lists.

### Inserts (docs/s, higher is better)

${table(
  ['', 'SDK', 'direct', 'direct ÷ SDK'],
  [
    rateRow(`Bulk: ${fmt(DOCS)} docs, batches of ${BATCH}, ${IN_FLIGHT} in flight`, rate(DOCS, sdk.bulkMs), rate(DOCS, direct.bulkMs)),
    rateRow(`Single-document adds, sequential (${fmt(SINGLES)})`, rate(SINGLES, sdk.singleMs), rate(SINGLES, direct.singleMs)),
  ],
)}

Per-call latency behind those rates:

${table(
  ['', 'SDK', 'direct', 'SDK ÷ direct'],
  [
    ...latRows(`Batch of ${BATCH} (${IN_FLIGHT} in flight)`, sdk.batchLat, direct.batchLat),
    [
      `Batch of ${BATCH} — p50, first 10% of batches`,
      fmtMs(sdk.batchFirst.p50),
      fmtMs(direct.batchFirst.p50),
      fmtRatio(sdk.batchFirst.p50 / direct.batchFirst.p50),
    ],
    [
      `Batch of ${BATCH} — p50, last 10% of batches`,
      fmtMs(sdk.batchLast.p50),
      fmtMs(direct.batchLast.p50),
      fmtRatio(sdk.batchLast.p50 / direct.batchLast.p50),
    ],
    ...latRows('Single-document add', sdk.singleLat, direct.singleLat),
  ],
)}

### Reads (latency, lower is better)

${table(
  ['', 'SDK', 'direct', 'SDK ÷ direct'],
  [
    ...latRows(`Lookup by idHash, unique index (${fmt(LOOKUPS)} random)`, sdk.lookup, direct.lookup),
    ...latRows(`Range \`birthYear ∈ [1950, 1955)\`, sort lastCertifiedAt desc, limit 50 (${QUERY_RUNS} runs)`, sdk.range, direct.range),
    ...latRows(
      `\`community\` = c, sort lastCertifiedAt desc, limit 50 (${QUERY_RUNS} runs, 20 communities)`,
      sdk.community,
      direct.community,
    ),
    ...latRows(
      `\`street\` = s, \`community\` = c, same sort and limit (${EXTRA_QUERY_RUNS} runs)`,
      sdk.streetCommunity,
      direct.streetCommunity,
    ),
  ],
)}

${
  sdk.probe
    ? `The SDK runs with \`TENCENTCLOUD_RUNENV=SCF\` as it would inside a cloud function. Without it (a plain Node script
off Tencent Cloud) the SDK probes \`metadata.tencentyun.com\` twice before every call and never caches a failed
probe: the same idHash lookup then takes p50 ${fmtMs(sdk.probe.p50)}, p99 ${fmtMs(sdk.probe.p99)} (${PROBE_LOOKUPS} lookups), vs. p50 ${fmtMs(sdk.lookup.p50)} with it.

`
    : ''
}The SDK + HTTP path adds a roughly fixed cost per call — ${fmtMs(sdk.lookup.p50 - direct.lookup.p50)} at p50 for the lookup — which is
${fmt((100 * (sdk.lookup.p50 - direct.lookup.p50)) / Math.min(direct.range.p50, direct.community.p50, direct.streetCommunity.p50), 1)}% of even the cheapest sorted query here. Any larger gap between the columns of the sorted queries is not that path:
both sides run the same engine code on the same data, and on this shared machine those ratios moved by about ±30%
between runs while this benchmark was written (sometimes below 1), so read them as ≈ 1.

How the engine answers each read: the idHash lookup is a hash-index hit (1 candidate). The range query uses no
index (birthYear has none): all ${fmt(total)} documents are tested, the ~16% that match are sorted in full, then
cut to 50. \`community\` alone is not the first field of any index, so it is a full scan too (~5% match);
with \`street\` pinned, the {street, community} index narrows the candidates to one street (~25%) before the
community filter.
${
  direct.breakdown
    ? `
### Where the direct range query's time goes

\`Database.find\` is \`match\` (index candidates, else every document, each tested with mingo's \`Query.test\`)
followed by mingo's \`find().sort().skip().limit()\` over _all_ matches. Timed apart on the direct side
(${BREAKDOWN_RUNS} runs, ${fmt(direct.breakdown.matched)} matching documents):

${table(
  ['Step', 'p50', 'p99'],
  [
    [`match: mingo \`Query.test\` on all ${fmt(total)} documents`, fmtMs(direct.breakdown.match.p50), fmtMs(direct.breakdown.match.p99)],
    [
      `mingo sort + limit 50 of the ${fmt(direct.breakdown.matched)} matches by \`lastCertifiedAt\` (a Date)`,
      fmtMs(direct.breakdown.mingoSort.p50),
      fmtMs(direct.breakdown.mingoSort.p99),
    ],
    [
      'same mingo sort, the Date replaced by its epoch-ms number',
      fmtMs(direct.breakdown.mingoSortNumber.p50),
      fmtMs(direct.breakdown.mingoSortNumber.p99),
    ],
    [
      'plain JS top-50 selection by `getTime()` (for reference)',
      fmtMs(direct.breakdown.plainTopK.p50),
      fmtMs(direct.breakdown.plainTopK.p99),
    ],
  ],
  ['l', 'r', 'r'],
)}

mingo (7.x) sorts numbers and strings natively, but any other key type — a Date included — goes through its
\`HashMap\` group-by (a structural hash per value) and a generic comparator. Here the Date sort costs
${fmtRatio(direct.breakdown.mingoSort.p50 / direct.breakdown.mingoSortNumber.p50)} the same sort on numbers and is ${fmt((100 * direct.breakdown.mingoSort.p50) / (direct.breakdown.match.p50 + direct.breakdown.mingoSort.p50), 0)}% of match + sort, and it is paid for every
matching document, not just the 50 returned.

The match step of the two community queries (same ${BREAKDOWN_RUNS} runs, no sort):

${table(
  ['Step', 'p50', 'p99'],
  [
    [
      `\`community\` = c: mingo test on all ${fmt(total)} documents`,
      fmtMs(direct.breakdown.communityMatch.p50),
      fmtMs(direct.breakdown.communityMatch.p99),
    ],
    [
      `\`street\` = s, \`community\` = c: candidate list from the street index (${fmt(direct.breakdown.streetCandidates)} docs)`,
      fmtMs(direct.breakdown.streetCommunityCandidates.p50),
      fmtMs(direct.breakdown.streetCommunityCandidates.p99),
    ],
    [
      '`street` = s, `community` = c: whole match (candidates + mingo test)',
      fmtMs(direct.breakdown.streetCommunityMatch.p50),
      fmtMs(direct.breakdown.streetCommunityMatch.p99),
    ],
  ],
  ['l', 'r', 'r'],
)}

The engine uses an index whenever a query pins its first field, whatever that field's selectivity, and
\`Collection.candidates\` rebuilds the candidate list on every query (a copy of the index's id Set, an array, a
\`docs.get\` per id). Here, with 4 streets, the indexed match takes
${fmtRatio(direct.breakdown.streetCommunityMatch.p50 / direct.breakdown.communityMatch.p50)} the time of the plain full scan: building the candidate list costs ${fmt((100 * direct.breakdown.streetCommunityCandidates.p50) / direct.breakdown.communityMatch.p50, 0)}% of a full scan while skipping 75% of the tests.
`
    : ''
}`;
  },
};

export default bench;

import v8 from 'node:v8';
import vm from 'node:vm';
import { pinyin } from 'pinyin-pro';
import { createSearchIndex, type SearchDoc, type SearchIndex } from '../cloudfunctions/_lib/search';
import { JUDGED_ANSWERS, JUDGED_DOCS, JUDGED_NOTICES, JUDGED_QUERIES, type JudgedQuery } from './judged/policyJudged';
import { prng } from './lib/data';
import { policyCorpus } from './lib/policyCorpus';
import { machineNotes } from './lib/results';
import type { Bench } from './lib/runOne';
import { fmt, fmtRatio, msSince, now, percentile, table } from './lib/stats';

/**
 * Policy search (cloudfunctions/_lib/search/) over a district-sized collection: 5,000 policy
 * answers and 2,000 notices (bench/lib/policyCorpus.ts: the judged documents and generated
 * ones around them, seed SEED), in this process, as a warm function instance holds it.
 * Measures the index build (first in the process, then warm), the memory it keeps, query
 * latency over the judged queries and over a random mix, and relevance on the judged set
 * (bench/judged/policyJudged.ts): recall@3, success@3 and MRR, beside plain substring
 * matching (title.includes(q) || body.includes(q), ranked by occurrence count).
 *
 * BENCH_POLICY="5000:2000" (answers:notices) changes the size.
 */
const [ANSWERS, NOTICES] = (process.env.BENCH_POLICY ?? '5000:2000').split(':').map(Number);
const SEED = 20240611;
const JUDGED_ROUNDS = 10;
const RANDOM_QUERIES = 2000;
const WARM_BUILDS = 3;
const LIMIT = 10;
const MiB = 2 ** 20;
const num = (n: number) => n.toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${fmt(100 * x, 1)}%`;

type Kind = 'answer' | 'notice';
type SearchFn = (q: string, kind?: Kind) => { id: string }[];

/** The baseline: the query as typed, as a substring of the title or the body; ranked by how often it occurs. */
function substringSearch(docs: readonly SearchDoc[]): SearchFn {
  return (q, kind) => {
    const needle = q.trim();
    if (!needle) return [];
    const hits: { id: string; count: number; i: number }[] = [];
    docs.forEach((d, i) => {
      if (kind && d.kind !== kind) return;
      if (!(d.title.includes(needle) || d.body.includes(needle))) return;
      let count = 0;
      for (const text of [d.title, d.body])
        for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
      hits.push({ id: d.id, count, i });
    });
    return hits.sort((a, b) => b.count - a.count || a.i - b.i).slice(0, LIMIT);
  };
}

/** Ours, with every hit's marked title and snippet made (they are made when first read, as the function serialises them). */
const ours =
  (index: SearchIndex): SearchFn =>
  (q, kind) => {
    const hits = index.search(q, { limit: LIMIT, kind });
    let chars = 0;
    for (const h of hits) chars += h.titleMarked.length + h.snippetMarked.length;
    return chars >= 0 ? hits : [];
  };

/** As `policy.search` (cloudfunctions/content/search.ts) calls it: the 50 best, filtered, the first 10 shown. */
const oursAsTheFunction =
  (index: SearchIndex): SearchFn =>
  (q, kind) => {
    const hits = index.search(q, { limit: 50, kind }).slice(0, LIMIT);
    let chars = 0;
    for (const h of hits) chars += h.titleMarked.length + h.snippetMarked.length;
    return chars >= 0 ? hits : [];
  };

interface Relevance {
  n: number;
  recall3: number;
  success3: number;
  mrr: number;
  empty: number;
}

function relevance(search: SearchFn, queries: readonly JudgedQuery[], kind?: Kind): Relevance {
  const r = { n: queries.length, recall3: 0, success3: 0, mrr: 0, empty: 0 };
  for (const jq of queries) {
    const ids = search(jq.q, kind).map((h) => h.id);
    const found = jq.relevant.filter((id) => ids.slice(0, 3).includes(id)).length;
    const first = ids.findIndex((id) => jq.relevant.includes(id));
    r.recall3 += found / jq.relevant.length;
    r.success3 += found > 0 ? 1 : 0;
    r.mrr += first >= 0 ? 1 / (first + 1) : 0;
    r.empty += ids.length ? 0 : 1;
  }
  return { n: r.n, recall3: r.recall3 / r.n, success3: r.success3 / r.n, mrr: r.mrr / r.n, empty: r.empty / r.n };
}

/** Queries for the latency mix, as people type them: words, initials, pinyin, pasted sentences, noise. */
function randomQueries(docs: readonly SearchDoc[], count: number): string[] {
  const r = prng(SEED ^ 0x2545f491);
  const doc = () => docs[Math.floor(r() * docs.length)];
  const hanSlice = (min: number, max: number) => {
    const runs = doc().title.match(/\p{Script=Han}+/gu) ?? ['养老金'];
    const run = runs[Math.floor(r() * runs.length)];
    const len = Math.min(run.length, min + Math.floor(r() * (max - min + 1)));
    const at = Math.floor(r() * (run.length - len + 1));
    return run.slice(at, at + len);
  };
  const judged = JUDGED_QUERIES.map((q) => q.q);
  const noise = 'abcdefghijklmnopqrstuvwxyz0123456789 ,.!?，。！？😀';
  const makers: [number, () => string][] = [
    [0.3, () => judged[Math.floor(r() * judged.length)]],
    [0.2, () => hanSlice(2, 4)],
    [0.15, () => (pinyin(hanSlice(2, 4), { pattern: 'first', toneType: 'none', type: 'array' }) as string[]).join('')],
    [0.1, () => (pinyin(hanSlice(2, 4), { toneType: 'none', type: 'array' }) as string[]).join('')],
    [0.15, () => doc().body.slice(0, 10 + Math.floor(r() * 25))],
    [0.05, () => doc().body.slice(0, 150)],
    [0.05, () => Array.from({ length: 1 + Math.floor(r() * 12) }, () => noise[Math.floor(r() * noise.length)]).join('')],
  ];
  return Array.from({ length: count }, () => {
    let x = r();
    for (const [share, make] of makers) {
      if (x < share) return make();
      x -= share;
    }
    return makers[0][1]();
  });
}

function latencies(search: SearchFn, queries: readonly string[], rounds: number): { ms: number[]; empty: number } {
  for (const q of queries.slice(0, 200)) search(q); // warm-up, not counted
  const ms: number[] = [];
  let empty = 0;
  for (let round = 0; round < rounds; round++)
    for (const q of queries) {
      const t = now();
      const hits = search(q);
      ms.push(msSince(t));
      if (round === 0 && !hits.length) empty++;
    }
  return { ms: ms.sort((a, b) => a - b), empty: empty / queries.length };
}

function gcNow(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

const bench: Bench = {
  name: 'policySearch',
  async run(log) {
    const gc = gcNow();
    const docs = policyCorpus(SEED, ANSWERS, NOTICES);
    const chars = docs.reduce((a, d) => a + d.title.length + d.body.length, 0);
    log(`${num(docs.length)} documents, ${num(chars)} characters of title and body`);

    // Build: the first in this process pays for ICU's dictionary and pinyin-pro's tables; then warm builds.
    gc();
    const before = process.memoryUsage();
    let t = now();
    let index = createSearchIndex(docs);
    const firstBuildMs = msSince(t);
    gc();
    const after = process.memoryUsage();
    log(`first build ${fmt(firstBuildMs)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < WARM_BUILDS; i++) {
      t = now();
      index = createSearchIndex(docs);
      warm.push(msSince(t));
    }
    log(`warm builds ${warm.map((m) => fmt(m)).join(', ')} ms`);
    gc();
    const kept = process.memoryUsage();
    const heapKept = kept.heapUsed - before.heapUsed;
    const buffersKept = kept.arrayBuffers - before.arrayBuffers;
    const sizes = (index as unknown as { describe(): { terms: number; postings: number; vocabulary: number } }).describe();

    // Relevance.
    const tuned = JUDGED_QUERIES.filter((q) => !q.heldOut);
    const heldOut = JUDGED_QUERIES.filter((q) => q.heldOut);
    const small = createSearchIndex(JUDGED_DOCS);
    const scenarios: { label: string; ours: SearchFn; base: SearchFn; kind?: Kind }[] = [
      {
        label: `judged corpus alone (${JUDGED_ANSWERS.length} answers + ${JUDGED_NOTICES.length} notices)`,
        ours: ours(small),
        base: substringSearch(JUDGED_DOCS),
      },
      { label: `${num(docs.length)} documents, answers only`, ours: ours(index), base: substringSearch(docs), kind: 'answer' },
      { label: `${num(docs.length)} documents, answers and notices`, ours: ours(index), base: substringSearch(docs) },
    ];
    const relRows: string[][] = [];
    for (const s of scenarios)
      for (const [setLabel, set] of [
        [`tuning set (${tuned.length})`, tuned],
        [`held out (${heldOut.length})`, heldOut],
      ] as const) {
        const o = relevance(s.ours, set, s.kind);
        const b = relevance(s.base, set, s.kind);
        relRows.push([
          `${s.label}, ${setLabel}`,
          fmt(o.recall3, 3),
          fmt(b.recall3, 3),
          fmt(o.success3, 3),
          fmt(b.success3, 3),
          fmt(o.mrr, 3),
          fmt(b.mrr, 3),
          `${pct(o.empty)} / ${pct(b.empty)}`,
        ]);
      }
    log('relevance done');
    const kinds = [...new Set(JUDGED_QUERIES.map((q) => q.kind))];
    const kindRows = kinds.map((k) => {
      const set = JUDGED_QUERIES.filter((q) => q.kind === k);
      const o = relevance(ours(index), set, 'answer');
      const b = relevance(substringSearch(docs), set, 'answer');
      return [k, String(set.length), fmt(o.recall3, 3), fmt(b.recall3, 3), fmt(o.mrr, 3), fmt(b.mrr, 3)];
    });
    const examples = ['年申怎么弄', 'ylj', '养老jin', '我妈去世了能领多少钱', '吃饭补贴在哪里领', '五保户每月领多少', '低保'].map((q) => {
      const o = ours(index)(q, 'answer')[0];
      const b = substringSearch(docs)(q, 'answer')[0];
      const title = (id?: string) => (id ? (docs.find((d) => d.id === id)?.title ?? id) : '(nothing)');
      return [q, title(o?.id), title(b?.id)];
    });

    // Latency.
    const judgedQueries = JUDGED_QUERIES.map((q) => q.q);
    const mix = randomQueries(docs, RANDOM_QUERIES);
    const baseSearch = substringSearch(docs);
    const oursSearch = ours(index);
    const lat = {
      oursJudged: latencies(oursSearch, judgedQueries, JUDGED_ROUNDS),
      baseJudged: latencies(baseSearch, judgedQueries, JUDGED_ROUNDS),
      oursJudged50: latencies(oursAsTheFunction(index), judgedQueries, JUDGED_ROUNDS),
      oursMix: latencies(oursSearch, mix, 1),
      baseMix: latencies(baseSearch, mix, 1),
    };
    log('latency done');
    const latRow = (label: string, x: { ms: number[] }) => [
      label,
      String(x.ms.length),
      fmt(percentile(x.ms, 50), 3),
      fmt(percentile(x.ms, 95), 3),
      fmt(percentile(x.ms, 99), 3),
      fmt(x.ms[x.ms.length - 1], 2),
      fmt(x.ms.reduce((a, b) => a + b, 0) / x.ms.length, 3),
    ];
    const ratio = (a: { ms: number[] }, b: { ms: number[] }, p: number) => fmtRatio(percentile(a.ms, p) / percentile(b.ms, p));

    return `## Policy search: ${num(ANSWERS)} answers and ${num(NOTICES)} notices (\`cloudfunctions/_lib/search/\`)

${machineNotes()}
- Corpus (\`bench/lib/policyCorpus.ts\`, seed ${SEED}): the ${JUDGED_ANSWERS.length} judged answers and ${JUDGED_NOTICES.length} judged notices
  (\`bench/judged/policyJudged.ts\`, written from DOMAIN.md's facts), and generated distractors: answers about the other
  services retirees ask about (高龄津贴, 公交爱心卡 年检, 医保报销, 殡葬惠民, 日间照料 午餐…) for the district, a street or a
  community, and notices (认证集中服务日, canteen menus and closures, classes, lectures, outages). ${num(docs.length)} documents,
  ${num(chars)} characters of title and body. The distractors share the judged answers' words but answer none of the judged queries.
- Judged queries: ${JUDGED_QUERIES.length}, in retirees' words (typos, pinyin in full and by initials, mixed, colloquial names,
  whole questions, traditional and full-width); each names the one to three answers a staff member would point to.
  The **held-out** ${heldOut.length} were written after the engine's weights and synonym table were frozen and never used to tune
  them; the other ${tuned.length} were (the same person wrote the queries, the synonym table and the answers: expect less on
  queries from real users).
- Everything runs in this one Node process (as in a warm function instance); latency is one \`search\` call
  (\`limit: ${LIMIT}\`, highlights included), queries one after another, after 200 warm-up queries; percentiles by linear
  interpolation. The baseline is \`title.includes(q) || body.includes(q)\` with the query as typed, ranked by occurrences.

### Relevance (higher is better)

recall@3: share of a query's relevant answers in the first 3 results, averaged; success@3: a relevant answer in the first 3;
MRR: 1 / rank of the first relevant answer in the first ${LIMIT} (0 if none). "No result" is the share of queries that got
an empty list.

${table(
  [
    '',
    'recall@3 ours',
    'recall@3 substring',
    'success@3 ours',
    'success@3 substring',
    'MRR ours',
    'MRR substring',
    'no result (ours / substring)',
  ],
  relRows,
)}

By kind of query (all ${JUDGED_QUERIES.length} queries, ${num(docs.length)} documents, answers only):

${table(['query kind', 'queries', 'recall@3 ours', 'recall@3 substring', 'MRR ours', 'MRR substring'], kindRows)}

First answer for a few queries (${num(docs.length)} documents, answers only):

${table(['query', 'ours', 'substring'], examples, ['l', 'l', 'l'])}

### Latency (ms per query)

${table(
  ['', 'queries', 'p50', 'p95', 'p99', 'max', 'mean'],
  [
    latRow(`ours, judged queries × ${JUDGED_ROUNDS}`, lat.oursJudged),
    latRow(`ours, judged queries × ${JUDGED_ROUNDS}, limit 50, first 10 marked (as \`policy.search\` asks)`, lat.oursJudged50),
    latRow(`substring, judged queries × ${JUDGED_ROUNDS}`, lat.baseJudged),
    latRow('ours, random mix', lat.oursMix),
    latRow('substring, random mix', lat.baseMix),
  ],
)}

Ours ÷ substring: judged p50 ${ratio(lat.oursJudged, lat.baseJudged, 50)}, p95 ${ratio(lat.oursJudged, lat.baseJudged, 95)};
random mix p50 ${ratio(lat.oursMix, lat.baseMix, 50)}, p95 ${ratio(lat.oursMix, lat.baseMix, 95)}. The random mix
(${num(RANDOM_QUERIES)} queries): 30% judged queries, 20% 2–4 characters of a title, 15% their pinyin initials, 10% their
full pinyin, 15% the start of a body (10–34 characters), 5% 150 pasted characters (cut to 64), 5% noise. Queries with no
result: ours ${pct(lat.oursMix.empty)}, substring ${pct(lat.baseMix.empty)}.

### Index build and memory

| | |
| :-- | --: |
| first build in the process (ICU dictionary and pinyin tables loaded on the way) | ${fmt(firstBuildMs, 0)} ms |
| warm build, median of ${WARM_BUILDS} | ${fmt(median(warm), 0)} ms |
| memory kept by one index: heap + array buffers (after − before, after GC) | ${fmt(heapKept / MiB, 1)} + ${fmt(buffersKept / MiB, 1)} = ${fmt((heapKept + buffersKept) / MiB, 1)} MiB |
| heap used before → after the first build | ${fmt(before.heapUsed / MiB, 1)} → ${fmt(after.heapUsed / MiB, 1)} MiB |
| array buffers before → after (typed-array postings outside the heap) | ${fmt(before.arrayBuffers / MiB, 1)} → ${fmt(after.arrayBuffers / MiB, 1)} MiB |
| terms (words, bigrams, Latin tokens) / postings | ${num(sizes.terms)} / ${num(sizes.postings)} |
| vocabulary for pinyin and typo reading (index words + lexicon) | ${num(sizes.vocabulary)} |

The build is dominated by ICU's word segmentation (Intl.Segmenter) of every title and body, about
${fmt((1000 * median(warm)) / chars, 2)} µs per character here; it runs once per warm instance. The memory kept includes the documents' texts (the index keeps the
original and the normalised title and body, for highlighting) and the pinyin readings cached on the way; the "before"
figures already include the ${num(docs.length)} input documents.`;
  },
};

export default bench;

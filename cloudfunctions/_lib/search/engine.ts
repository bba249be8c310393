import { findMarks, markRange, snippetOf } from './highlight';
import { normalizeText } from './normalize';
import { type AnalyzedQuery, analyzeQuery, type QueryTerm } from './query';
import { bigramCode, isHanCode, tokenize } from './tokenize';
import { TopK } from './topK';
import type { SearchDoc, SearchHit, SearchIndex } from './types';
import { Vocabulary } from './vocabulary';

/**
 * BM25F over three fields (title above keywords and category, above body). Each
 * posting keeps the document and its term's saturated, length-normalised frequency
 * tf~/(k1 + tf~), quantised to a byte: it does not depend on the query, so a query only
 * adds idf × weight × that number per posting. Then the score is scaled by how many of
 * the query's concepts the document has, and an exact phrase in the title or body adds a bonus.
 */
const K1 = 1.2;
const FIELDS = {
  title: { weight: 3, b: 0.3 },
  tags: { weight: 2, b: 0.3 },
  body: { weight: 1, b: 0.75 },
} as const;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
/** How many of the best candidates get the phrase check before the final cut. */
const RERANK = 100;
const PHRASE_IN_TITLE = 1.5;
const PHRASE_IN_BODY = 1.15;
/** Share of a concept's other matching terms added to its best one. */
const TIE_BREAKER = 0.3;

interface StoredDoc {
  id: string;
  kind: 'answer' | 'notice';
  title: string;
  body: string;
  normTitle: string;
  normBody: string;
}

export class PolicySearchIndex implements SearchIndex {
  private readonly docs: StoredDoc[];
  /** Term ids: words and Latin tokens by key, bigrams by their two character codes. */
  private readonly termIds = new Map<string, number>();
  private readonly bigramIds = new Map<number, number>();
  /** Per term id: the documents that have it, and its saturated term frequency × 255 in each. */
  private readonly postDocs: (Uint16Array | Uint32Array)[] = [];
  private readonly postTf: Uint8Array[] = [];
  private readonly idf: Float64Array;
  readonly vocabulary: Vocabulary;
  private readonly scores: Float64Array;
  private readonly matched: Uint32Array;
  private readonly best: Float64Array;
  private readonly sum: Float64Array;

  constructor(input: readonly SearchDoc[]) {
    const n = input.length;
    this.docs = input.map((d) => {
      const title = String(d.title ?? '');
      const body = String(d.body ?? '');
      return {
        id: String(d.id),
        kind: d.kind === 'notice' ? 'notice' : 'answer',
        title,
        body,
        normTitle: normalizeText(title),
        normBody: normalizeText(body),
      };
    });
    const tags = input.map((d) => normalizeText([d.category ?? '', ...(d.keywords ?? [])].join(' ')));
    const avg = {
      title: mean(this.docs.map((d) => d.normTitle.length)),
      tags: mean(tags.map((t) => t.length)),
      body: mean(this.docs.map((d) => d.normBody.length)),
    };
    // One pass over the documents: per document, the weighted, length-normalised frequency
    // of each term (a typed array indexed by term id); then one posting per term it has.
    const lists: number[][] = [];
    let tf = new Float64Array(1024);
    const inDoc: number[] = [];
    const idOf = (key: string) => {
      let id = this.termIds.get(key);
      if (id === undefined) {
        id = lists.push([]) - 1;
        this.termIds.set(key, id);
      }
      return id;
    };
    const idOfBigram = (code: number) => {
      let id = this.bigramIds.get(code);
      if (id === undefined) {
        id = lists.push([]) - 1;
        this.bigramIds.set(code, id);
      }
      return id;
    };
    for (let i = 0; i < n; i++) {
      let per = 0;
      const count = (id: number) => {
        if (id >= tf.length) {
          const bigger = new Float64Array(tf.length * 2);
          bigger.set(tf);
          tf = bigger;
        }
        if (tf[id] === 0) inDoc.push(id);
        tf[id] += per;
      };
      const onToken = (key: string) => count(idOf(key));
      const onBigram = (code: number) => count(idOfBigram(code));
      const add = (field: keyof typeof FIELDS, text: string) => {
        if (!text) return;
        const f = FIELDS[field];
        per = f.weight / (1 - f.b + (f.b * text.length) / (avg[field] || 1));
        tokenize(text, onToken, onBigram);
      };
      add('title', this.docs[i].normTitle);
      add('tags', tags[i]);
      add('body', this.docs[i].normBody);
      for (const id of inDoc) {
        const t = tf[id];
        lists[id].push(i * 256 + Math.max(1, Math.round((255 * t) / (K1 + t))));
        tf[id] = 0;
      }
      inDoc.length = 0;
    }
    this.idf = new Float64Array(lists.length);
    for (let id = 0; id < lists.length; id++) {
      const list = lists[id];
      const docs = n <= 0xffff ? new Uint16Array(list.length) : new Uint32Array(list.length);
      const q = new Uint8Array(list.length);
      for (let k = 0; k < list.length; k++) {
        docs[k] = Math.floor(list[k] / 256);
        q[k] = list[k] % 256;
      }
      this.postDocs.push(docs);
      this.postTf.push(q);
      this.idf[id] = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    }
    const words: [string, number][] = [];
    for (const [key, id] of this.termIds)
      if (key[0] === 'w' && key.length >= 3 && isHanCode(key.charCodeAt(1))) words.push([key.slice(1), this.postDocs[id].length]);
    this.vocabulary = new Vocabulary(words);
    this.scores = new Float64Array(n);
    this.matched = new Uint32Array(n);
    this.best = new Float64Array(n);
    this.sum = new Float64Array(n);
  }

  private termId(key: string): number | undefined {
    return key[0] === 'b' ? this.bigramIds.get(bigramCode(key.slice(1))) : this.termIds.get(key);
  }

  get size() {
    return this.docs.length;
  }

  /** Sizes, for the benchmark and for logs. */
  describe() {
    const postings = this.postDocs.reduce((a, p) => a + p.length, 0);
    return { docs: this.docs.length, terms: this.postDocs.length, postings, vocabulary: this.vocabulary.size };
  }

  /** The query as this index understands it (its own words count for pinyin and typos). */
  analyze(query: string): AnalyzedQuery {
    return analyzeQuery(query, this.vocabulary);
  }

  search(query: string, opts: { limit?: number; kind?: 'answer' | 'notice' } = {}): SearchHit[] {
    const asked = Number(opts.limit ?? DEFAULT_LIMIT);
    const limit = Number.isFinite(asked) ? Math.min(MAX_LIMIT, Math.max(1, Math.floor(asked))) : DEFAULT_LIMIT;
    const q = this.analyze(typeof query === 'string' ? query : '');
    if (!q.terms.length) return [];
    const { scores, matched, best, sum } = this;
    const touched: number[] = [];
    // Concepts no document has cannot tell documents apart: leave them out of the coverage.
    const reachable = new Array<boolean>(q.concepts.length).fill(false);
    const byConcept = new Map<number, QueryTerm[]>();
    for (const term of q.terms) byConcept.set(term.concept, [...(byConcept.get(term.concept) ?? []), term]);
    for (const [concept, terms] of byConcept) {
      // Within a concept its terms are alternatives (养老金, 退休金, 基本养老金…): the best
      // counts in full, the others a little (dis-max), so a synonym nested in another does not count twice.
      const local: number[] = [];
      for (const term of terms) {
        const id = this.termId(term.key);
        if (id === undefined) continue;
        if (concept >= 0) reachable[concept] = true;
        const w = (term.weight * this.idf[id]) / 255;
        const docs = this.postDocs[id];
        const tf = this.postTf[id];
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k];
          const v = w * tf[k];
          if (sum[d] === 0) local.push(d);
          sum[d] += v;
          if (v > best[d]) best[d] = v;
        }
      }
      const bit = concept >= 0 ? 1 << concept : 0;
      for (const d of local) {
        if (scores[d] === 0) touched.push(d);
        scores[d] += concept >= 0 ? best[d] + TIE_BREAKER * (sum[d] - best[d]) : sum[d];
        matched[d] |= bit;
        best[d] = 0;
        sum[d] = 0;
      }
    }
    let total = 0;
    for (let c = 0; c < q.concepts.length; c++) if (reachable[c]) total += q.concepts[c].weight;
    const kept = new TopK(Math.max(RERANK, limit));
    for (const d of touched) {
      if (!opts.kind || this.docs[d].kind === opts.kind) {
        let have = 0;
        for (let c = 0; c < q.concepts.length; c++) if (matched[d] & (1 << c)) have += q.concepts[c].weight;
        const coverage = total ? have / total : 1;
        kept.offer(d, scores[d] * (0.2 + 0.8 * coverage * coverage));
      }
      scores[d] = 0;
      matched[d] = 0;
    }
    const top = kept.sorted();
    for (const c of top) {
      const doc = this.docs[c.d];
      if (q.phrases.some((p) => doc.normTitle.includes(p))) c.score *= PHRASE_IN_TITLE;
      else if (q.phrases.some((p) => doc.normBody.includes(p))) c.score *= PHRASE_IN_BODY;
    }
    top.sort((a, b) => b.score - a.score || a.d - b.d);
    return top.slice(0, limit).map(({ d, score }) => hitOf(this.docs[d], score, q.highlights));
  }
}

/**
 * A hit whose marked title and snippet are made when first read (then kept): a caller that
 * asks for 50 and keeps the 10 its reader may see pays for 10. They are ordinary enumerable
 * properties to JSON, spreading and structuredClone.
 */
function hitOf(doc: StoredDoc, score: number, highlights: string[]): SearchHit {
  let title: string | undefined;
  let snippet: string | undefined;
  const hit = { id: doc.id, kind: doc.kind, score: Math.round(score * 1000) / 1000 } as SearchHit;
  Object.defineProperty(hit, 'titleMarked', {
    enumerable: true,
    get: () => {
      title ??= markRange(doc.title, findMarks(doc.normTitle, highlights), 0, doc.title.length);
      return title;
    },
  });
  Object.defineProperty(hit, 'snippetMarked', {
    enumerable: true,
    get: () => {
      snippet ??= snippetOf(doc.body, findMarks(doc.normBody, highlights));
      return snippet;
    },
  });
  return hit;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

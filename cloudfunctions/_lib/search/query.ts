import { STOPWORDS } from './lexicon';
import { normalizeText } from './normalize';
import { parseLatin, type Unit } from './pinyin';
import { COLLOQUIAL_HINTS, QUESTION_HINTS, SYNONYM_GROUPS } from './synonyms';
import { isHanCode, tokenize } from './tokenize';
import type { Reading, Vocabulary } from './vocabulary';

/**
 * What a query asks for: its concepts (the things it is about: 去世, 多少钱) and, for each,
 * the index terms that stand for it with a weight — its own words and bigrams, what its
 * pinyin or a mistyped character is read as, and synonyms. A query is cut to its first
 * MAX_QUERY_CHARS characters: an elder may paste a whole message.
 */
export const MAX_QUERY_CHARS = 64;
const MAX_CONCEPTS = 31;
const MAX_SPAN = 8;

export interface QueryTerm {
  key: string;
  weight: number;
  /** Index into `concepts`, or -1 for a term that only adds to the score (a bigram across two words). */
  concept: number;
}

export interface AnalyzedQuery {
  terms: QueryTerm[];
  concepts: { text: string; weight: number }[];
  /** Texts to mark in a hit, longest first. */
  highlights: string[];
  /** The query as a phrase (Han, Latin and digits only), as typed and as corrected. */
  phrases: string[];
  explained: { terms: string[]; expanded: string[] };
}

const WEIGHT = { word: 1, char: 0.3, latin: 1, innerBigram: 0.3, crossBigram: 0.15, synonym: 0.7, hint: 0.6, question: 0.5, part: 0.6 };

const synonymsOf = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS)
  for (const w of group) synonymsOf.set(w, [...(synonymsOf.get(w) ?? []), ...group.filter((x) => x !== w)]);

interface Span {
  start: number;
  end: number;
  key: string;
  weight: number;
  /** A word makes or joins a concept; a bigram is weighed by where it falls; a bonus only adds to the score. */
  role: 'word' | 'bigram' | 'bonus';
  /** What to add to the explanation's expanded list. */
  expanded?: string;
  /** What pinyin or a mistyped character was read as (not a synonym). */
  reading?: boolean;
}

export function analyzeQuery(query: string, vocab: Vocabulary): AnalyzedQuery {
  const text = cut(normalizeText(String(query ?? '').slice(0, MAX_QUERY_CHARS * 4)));
  const spans: Span[] = [];
  const wordKeys = new Set<string>();

  tokenize(text, (key, start, end) => {
    const kind = key[0];
    const body = key.slice(1);
    if (kind === 'w') {
      for (const hint of QUESTION_HINTS[body] ?? []) spans.push({ start, end, key: `w${hint}`, weight: WEIGHT.question, role: 'bonus' });
      if (STOPWORDS.has(body) || QUESTION_HINTS[body]) return;
      const weight = body.length === 1 ? WEIGHT.char : WEIGHT.word;
      spans.push({ start, end, key, weight, role: 'word' });
      wordKeys.add(key);
    } else if (kind === 'a') {
      spans.push({ start, end, key, weight: WEIGHT.latin, role: 'word' });
    } else spans.push({ start, end, key, weight: 0, role: 'bigram' }); // weighed once concepts are known
  });

  const units = unitsOf(text);
  const corrected = new Map<number, string>(); // unit start position → word it was read as (for the corrected phrase)
  for (const read of readUnits(units, vocab)) {
    if (!read.readings) {
      // A word of the index that the query's own segmentation cut differently.
      if (STOPWORDS.has(read.exact!) || QUESTION_HINTS[read.exact!]) continue;
      const key = `w${read.exact}`;
      if (!wordKeys.has(key)) spans.push({ start: read.start, end: read.end, key, weight: WEIGHT.word, role: 'word' });
      wordKeys.add(key);
      continue;
    }
    const readings = read.readings.filter((r) => !STOPWORDS.has(r.word));
    for (const r of readings) {
      spans.push({ start: read.start, end: read.end, key: `w${r.word}`, weight: r.weight, role: 'word', expanded: r.word, reading: true });
      wordKeys.add(`w${r.word}`);
    }
    if (readings.length) corrected.set(read.start, `${readings[0].word}\u0000${read.end}`);
  }
  // Latin letters read as pinyin are not also a word of their own ("ylj" is 养老金, not a concept "ylj").
  for (const s of spans)
    if (s.key[0] === 'a' && s.role === 'word' && spans.some((r) => r.expanded && r.start < s.end && s.start < r.end)) {
      s.role = 'bonus';
      s.weight = WEIGHT.crossBigram;
    }

  // Synonyms and colloquial hints of every word (typed or read).
  for (const s of [...spans]) {
    if (s.key[0] !== 'w' || s.role !== 'word') continue;
    const word = s.key.slice(1);
    for (const syn of synonymsOf.get(word) ?? [])
      spans.push({ start: s.start, end: s.end, key: `w${syn}`, weight: s.weight * WEIGHT.synonym, role: 'word', expanded: syn });
    for (const hint of COLLOQUIAL_HINTS[word] ?? [])
      spans.push({ start: s.start, end: s.end, key: `w${hint}`, weight: s.weight * WEIGHT.hint, role: 'word', expanded: hint });
  }
  // The parts of every word the query was read as, as the query's own words have theirs:
  // 资格人证 read as 资格认证 also finds an answer that only says 认证. (Not for synonyms:
  // 生活 from 最低生活保障 would be noise.)
  for (const s of [...spans]) {
    const word = s.reading ? s.expanded : undefined;
    if (!word) continue;
    tokenize(word, (key, start, end) => {
      if (key[0] !== 'w' || end - start < 2 || end - start === word.length || STOPWORDS.has(key.slice(1))) return;
      spans.push({ start: s.start, end: s.end, key, weight: s.weight * WEIGHT.part, role: 'word' });
    });
  }

  // Concepts: groups of overlapping word spans (城乡居民养老保险 and its parts are one concept).
  const conceptSpans = spans.filter((s) => s.role === 'word').sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: { start: number; end: number }[] = [];
  for (const s of conceptSpans) {
    const last = groups[groups.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else groups.push({ start: s.start, end: s.end });
  }
  const kept = groups.slice(0, MAX_CONCEPTS);
  const conceptOf = (s: Span) => kept.findIndex((g) => s.start >= g.start && s.end <= g.end);
  const concepts = kept.map((g) => {
    const t = text.slice(g.start, g.end);
    const han = [...t].every((c) => isHanCode(c.charCodeAt(0)));
    return { text: t, weight: han && t.length === 1 ? 0.4 : 1 };
  });

  const best = new Map<string, QueryTerm>();
  const addTerm = (key: string, weight: number, concept: number) => {
    const had = best.get(key);
    if (!had || had.weight < weight) best.set(key, { key, weight, concept });
  };
  for (const s of spans) {
    if (s.role === 'word') addTerm(s.key, s.weight, conceptOf(s));
    else if (s.role === 'bonus') addTerm(s.key, s.weight, -1);
    else if (!wordKeys.has(`w${s.key.slice(1)}`) && !isStopPair(s.key.slice(1))) {
      const c = conceptOf(s);
      addTerm(s.key, c >= 0 ? WEIGHT.innerBigram : WEIGHT.crossBigram, c);
    }
  }
  const terms = [...best.values()].filter((t) => t.weight > 0);

  const typedWords = spans.filter((s) => s.role === 'word' && !s.expanded).map((s) => s.key.slice(1));
  const highlights = [
    ...new Set([
      ...terms.filter((t) => t.key[0] !== 'b').map((t) => t.key.slice(1)),
      ...terms.filter((t) => t.key[0] === 'b' && t.concept >= 0).map((t) => t.key.slice(1)),
    ]),
  ]
    .filter((h) => h.length > 1 || typedWords.every((w) => w.length <= 1))
    .sort((a, b) => b.length - a.length);

  const phrase = compact(text);
  let fixed = '';
  for (let i = 0; i < text.length; ) {
    const c = corrected.get(i);
    if (c) {
      const [word, end] = c.split('\u0000');
      fixed += word;
      i = Number(end);
    } else fixed += text[i++];
  }
  const phrases = [...new Set([phrase, compact(fixed)])].filter((p) => p.length >= 2);

  const explainedTerms = [...new Set(concepts.filter((c) => !STOPWORDS.has(c.text)).map((c) => c.text))];
  const expanded = [...new Set(spans.filter((s) => s.expanded).map((s) => s.expanded!))].filter((w) => !explainedTerms.includes(w));
  return { terms, concepts, highlights, phrases, explained: { terms: explainedTerms, expanded } };
}

/** The first MAX_QUERY_CHARS characters that are not spaces or punctuation at either end. */
function cut(text: string): string {
  return text.trim().slice(0, MAX_QUERY_CHARS).trim();
}

function compact(text: string): string {
  return text.replace(/[^\p{Script=Han}a-z0-9]+/gu, '');
}

const isStopPair = (pair: string) => STOPWORDS.has(pair[0]) && STOPWORDS.has(pair[1]);

/** The query as units: Han characters one by one, Latin runs as pinyin syllables and initials; anything else breaks. */
function unitsOf(text: string): (Unit | null)[] {
  const units: (Unit | null)[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (isHanCode(c)) {
      units.push({ kind: 'char', ch: text[i], pos: i });
      i++;
    } else if (c >= 0x61 && c <= 0x7a) {
      let end = i;
      while (end < text.length && text.charCodeAt(end) >= 0x61 && text.charCodeAt(end) <= 0x7a) end++;
      units.push(...parseLatin(text.slice(i, end), i));
      i = end;
    } else {
      if (c !== 0x20) units.push(null); // a space joins ("yang lao jin"), anything else breaks
      i++;
    }
  }
  return units;
}

/**
 * Left to right, the longest stretch of units that is a word or can be read as one: a
 * known word is left as typed; otherwise its readings (pinyin, initials, a character by
 * sound or one wrong character) are what it stands for. Letters with initials in them
 * ("zgrz", "sfsdf") count only if the whole run of letters is read: initials are too
 * ambiguous to trust a part of a run (a typed "<script>" is not 伤残).
 */
function readUnits(all: (Unit | null)[], vocab: Vocabulary) {
  const out: { start: number; end: number; from: number; to: number; exact?: string; readings?: Reading[] }[] = [];
  let from = 0;
  while (from < all.length) {
    let to = from;
    while (to < all.length && all[to]) to++;
    const units = all.slice(from, to) as Unit[];
    for (let i = 0; i < units.length; ) {
      let step = 1;
      for (let len = Math.min(MAX_SPAN, units.length - i); len >= 2; len--) {
        const span = units.slice(i, i + len);
        const at = { from: from + i, to: from + i + len, start: span[0].pos };
        if (span.every((u) => u.kind === 'char')) {
          const typed = span.map((u) => (u as { ch: string }).ch).join('');
          if (vocab.has(typed)) {
            out.push({ ...at, end: span[len - 1].pos + 1, exact: typed });
            step = len;
            break;
          }
        }
        const readings = vocab.readingsOf(units, i, i + len);
        if (readings.length) {
          const last = span[span.length - 1];
          out.push({ ...at, end: last.kind === 'char' ? last.pos + 1 : last.end, readings });
          step = len;
          break;
        }
      }
      i += step;
    }
    from = to + 1;
  }
  const unread = new Set<number>();
  for (const [a, b] of latinRuns(all)) {
    if (!all.slice(a, b).some((u) => u!.kind === 'initial')) continue;
    let whole = true;
    for (let k = a; k < b && whole; k++) whole = out.some((r) => r.readings && r.from <= k && k < r.to);
    if (!whole) for (let k = a; k < b; k++) unread.add(k);
  }
  return out.filter((r) => !r.readings || ![...unread].some((k) => r.from <= k && k < r.to));
}

/** [from, to) unit indexes of each run of letters typed without a gap. */
function latinRuns(all: (Unit | null)[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let k = 0; k < all.length; k++) {
    const u = all[k];
    if (!u || u.kind === 'char') continue;
    let end = k + 1;
    while (end < all.length) {
      const next = all[end];
      if (!next || next.kind === 'char' || next.pos !== (all[end - 1] as { end: number }).end) break;
      end++;
    }
    runs.push([k, end]);
    k = end - 1;
  }
  return runs;
}

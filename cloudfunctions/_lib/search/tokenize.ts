import { LEXICON, STOPWORDS } from './lexicon';

/**
 * The tokens of a normalised text, the same for documents and queries:
 * - `w` words: ICU's dictionary words (Intl.Segmenter, the maintained segmenter in Node)
 *   and every lexicon word found in the text (ICU splits 养老金 into 养老|金, 低保 into 低|保);
 * - `b` bigrams: every two neighbouring Han characters, so that a word cut differently in
 *   the query and in the text still meets;
 * - `a` Latin words and numbers (12333, 1045 for "1,045").
 * Keys are the kind letter followed by the text ("w养老金", "b老金", "a12333").
 */
export type TokenSink = (key: string, start: number, end: number) => void;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** ICU's segmenter slows down on long strings (superlinear): feed it pieces of at most this many characters. */
const CHUNK = 400;

export const isHanCode = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
const isLatinCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

interface TrieNode {
  next: Map<number, TrieNode>;
  word: boolean;
}
const lexiconTrie: TrieNode = { next: new Map(), word: false };
for (const w of LEXICON) {
  let node = lexiconTrie;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let n = node.next.get(c);
    if (!n) {
      n = { next: new Map(), word: false };
      node.next.set(c, n);
    }
    node = n;
  }
  node.word = true;
}

/** Where to cut a long text: after a punctuation mark or space at most CHUNK characters on. */
function chunkEnd(text: string, from: number): number {
  const hard = from + CHUNK;
  if (hard >= text.length) return text.length;
  for (let i = hard; i > from + CHUNK / 2; i--) {
    const c = text.charCodeAt(i - 1);
    if (!isHanCode(c) && !isLatinCode(c)) return i;
  }
  return hard;
}

function emitLatin(piece: string, start: number, sink: TokenSink) {
  for (const m of piece.matchAll(/[a-z]+|[0-9][0-9,.]*/g)) {
    const raw = m[0].replace(/[,.]+$/, '');
    const tok = /^[0-9]/.test(raw) ? raw.replace(/,/g, '') : raw;
    if (tok) sink(`a${tok}`, start + m.index!, start + m.index! + raw.length);
  }
}

/** A bigram as a number (the two UTF-16 codes), so that building an index need not make a string per bigram. */
export type BigramSink = (code: number, start: number) => void;

export const bigramCode = (pair: string) => pair.charCodeAt(0) * 0x10000 + pair.charCodeAt(1);

/**
 * Calls `sink` for every token of `text` (already normalised); bigrams go to `bigrams`
 * when given, else to `sink` as "b" keys. Single-character stopwords are not words.
 */
export function tokenize(text: string, sink: TokenSink, bigrams?: BigramSink): void {
  const icuWords = new Set<number>();
  for (let from = 0; from < text.length; ) {
    const to = chunkEnd(text, from);
    for (const seg of segmenter.segment(text.slice(from, to))) {
      if (!seg.isWordLike) continue;
      const start = from + seg.index;
      const word = seg.segment;
      let allHan = true;
      for (let i = 0; i < word.length && allHan; i++) allHan = isHanCode(word.charCodeAt(i));
      if (allHan) {
        if (word.length === 1 && STOPWORDS.has(word)) continue;
        icuWords.add(start * 64 + word.length);
        sink(`w${word}`, start, start + word.length);
        continue;
      }
      // A mixed piece ("养老jin" can come whole): Han parts are words, the rest Latin tokens.
      for (const m of word.matchAll(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
        const s = start + m.index!;
        if (isHanCode(m[0].charCodeAt(0))) {
          icuWords.add(s * 64 + m[0].length);
          sink(`w${m[0]}`, s, s + m[0].length);
        } else emitLatin(m[0], s, sink);
      }
    }
    from = to;
  }
  // Bigrams and lexicon words, over each run of Han characters.
  for (let i = 0; i < text.length; ) {
    if (!isHanCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isHanCode(text.charCodeAt(end))) end++;
    for (let k = i; k < end; k++) {
      if (k + 1 < end) {
        if (bigrams) bigrams(text.charCodeAt(k) * 0x10000 + text.charCodeAt(k + 1), k);
        else sink(`b${text.slice(k, k + 2)}`, k, k + 2);
      }
      let node: TrieNode | undefined = lexiconTrie;
      for (let j = k; j < end; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        const len = j - k + 1;
        if (node.word && !icuWords.has(k * 64 + len) && !(len === 1 && STOPWORDS.has(text[k]))) sink(`w${text.slice(k, j + 1)}`, k, j + 1);
      }
    }
    i = end;
  }
}

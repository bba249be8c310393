import { LEXICON } from './lexicon';
import { initialsOf, readingsOf, type Unit, unitInitials, unitMatches } from './pinyin';

/**
 * The words a typed query can be read as: every Han word of the index (2–8 characters)
 * and every lexicon word, looked up by the first letters of their pinyin ("ylj" →
 * 养老金; "养老jin" and "养老今" have the same first letters), and by one character
 * masked or left out (资格认正 → 资格认证, 资格证 → 资格认证) for words of 3 or more.
 */
export interface Reading {
  word: string;
  /** How sure: 1 typed in full pinyin or exact, less by initials, by sound or by one wrong character. */
  weight: number;
  how: 'pinyin' | 'initials' | 'sound' | 'edit';
}

const MAX_WORD = 8;
const MAX_KEYS = 4;
const MASK = '\u0000';

export class Vocabulary {
  private readonly df = new Map<string, number>();
  private readonly byInitials = new Map<string, string[]>();
  /** Whole toneless pinyin without breaks: "dangan" is 档案 whether it was split dang·an or dan·gan. */
  private readonly byPinyin = new Map<string, string[]>();
  private readonly masked = new Map<string, string[]>();
  private readonly shortened = new Map<string, string[]>();

  /** `words`: Han words of the index with their document frequency. */
  constructor(words: Iterable<[string, number]>) {
    for (const w of LEXICON) if (w.length >= 2 && w.length <= MAX_WORD) this.df.set(w, 0);
    for (const [w, df] of words) if (w.length >= 2 && w.length <= MAX_WORD) this.df.set(w, df);
    for (const w of this.df.keys()) {
      for (const key of initialKeys(w)) push(this.byInitials, key, w);
      for (const key of pinyinKeys(w)) push(this.byPinyin, key, w);
      if (w.length >= 3) for (let i = 0; i < w.length; i++) push(this.masked, w.slice(0, i) + MASK + w.slice(i + 1), w);
      if (w.length >= 4) for (let i = 0; i < w.length; i++) push(this.shortened, w.slice(0, i) + w.slice(i + 1), w);
    }
  }

  get size() {
    return this.df.size;
  }

  has(word: string) {
    return this.df.has(word);
  }

  /** Words the units [from, to) can be read as, best first (at most 3); empty when none. */
  readingsOf(units: readonly Unit[], from: number, to: number): Reading[] {
    const span = units.slice(from, to);
    const chars = span.filter((u) => u.kind === 'char').length;
    const found = new Map<string, Reading>();
    const add = (r: Reading) => {
      const had = found.get(r.word);
      if (!had || had.weight < r.weight) found.set(r.word, r);
    };
    for (const key of spanKeys(span)) {
      for (const word of this.byInitials.get(key) ?? []) {
        let exact = 0;
        let sound = 0;
        let ok = true;
        for (let i = 0; i < span.length && ok; i++) {
          const m = unitMatches(span[i], word[i]);
          if (m === 0) ok = false;
          else if (m === 2 && span[i].kind === 'char') exact++;
          else if (m === 1) sound++;
        }
        if (!ok) continue;
        if (chars === span.length) {
          // All characters: a word by sound needs at least half of them typed right.
          if (exact === chars || exact * 2 < chars) continue;
          add({ word, weight: 0.85, how: 'sound' });
        } else if (span.some((u) => u.kind === 'initial')) add({ word, weight: 0.9, how: 'initials' });
        else add({ word, weight: sound ? 0.9 : 1, how: 'pinyin' });
      }
    }
    if (span.every((u) => u.kind === 'syllable'))
      for (const word of this.byPinyin.get(span.map((u) => (u as { text: string }).text).join('')) ?? [])
        add({ word, weight: 1, how: 'pinyin' });
    if (chars === span.length && span.length >= 3) {
      // One character wrong anywhere; one left out or added only inside the word (at either
      // end it is a neighbouring word's character, not a typo: 养老金停 is 养老金 + 停).
      const typed = span.map((u) => (u as { ch: string }).ch).join('');
      for (let i = 0; i < typed.length; i++) {
        for (const word of this.masked.get(typed.slice(0, i) + MASK + typed.slice(i + 1)) ?? [])
          if (word !== typed) add({ word, weight: 0.6, how: 'edit' });
        const shorter = typed.slice(0, i) + typed.slice(i + 1);
        if (i > 0 && i < typed.length - 1 && shorter.length >= 3 && this.df.has(shorter)) add({ word: shorter, weight: 0.6, how: 'edit' });
      }
      for (const word of this.shortened.get(typed) ?? [])
        if (word[0] === typed[0] && word[word.length - 1] === typed[typed.length - 1]) add({ word, weight: 0.6, how: 'edit' });
    }
    return this.rank(
      [...found.values()],
      span.some((u) => u.kind === 'initial'),
    );
  }

  /** Lexicon words first when the reading is by initials alone (the most ambiguous); then by document frequency. */
  private rank(readings: Reading[], byInitials: boolean): Reading[] {
    if (!readings.length) return readings;
    let pool = readings;
    if (byInitials) {
      const lexical = readings.filter((r) => LEXICON.has(r.word));
      if (lexical.length) pool = lexical;
    }
    const value = (r: Reading) => r.weight * (LEXICON.has(r.word) ? 2 : 1) * Math.log2(2 + (this.df.get(r.word) ?? 0));
    const sorted = pool.map((r) => ({ r, v: value(r) })).sort((a, b) => b.v - a.v || a.r.word.localeCompare(b.r.word));
    const best = sorted[0].v;
    return sorted
      .filter((x) => x.v >= best / 2)
      .slice(0, 3)
      .map(({ r, v }) => ({ ...r, weight: r.weight * Math.sqrt(v / best) }));
  }
}

function push(map: Map<string, string[]>, key: string, word: string) {
  const list = map.get(key);
  if (list) list.push(word);
  else map.set(key, [word]);
}

/** The first-letter strings of a word (a polyphone gives several; at most MAX_KEYS). */
function initialKeys(word: string): string[] {
  let keys = [''];
  for (const ch of word) {
    const firsts = initialsOf(ch);
    if (!firsts.length) return [];
    keys = keys.flatMap((k) => firsts.map((f) => k + f)).slice(0, MAX_KEYS);
  }
  return keys;
}

/** The word's whole pinyin (a polyphone gives several; at most MAX_KEYS). */
function pinyinKeys(word: string): string[] {
  let keys = [''];
  for (const ch of word) {
    const readings = readingsOf(ch);
    if (!readings.length) return [];
    keys = keys.flatMap((k) => readings.map((r) => k + r)).slice(0, MAX_KEYS);
  }
  return keys;
}

function spanKeys(span: readonly Unit[]): string[] {
  let keys = [''];
  for (const u of span) {
    const firsts = unitInitials(u);
    if (!firsts.length) return [];
    keys = keys.flatMap((k) => firsts.map((f) => k + f)).slice(0, MAX_KEYS * 2);
  }
  return keys;
}

import { pinyin } from 'pinyin-pro';
import { PINYIN_SYLLABLES } from './syllables';

/**
 * Pinyin for matching what people type against the words of the index. A character's
 * readings are all of its toneless readings (长: chang, zhang), so a polyphone matches
 * whichever reading the person had in mind; cached per character for the life of the
 * instance (a few thousand characters at most).
 */
const readingCache = new Map<string, readonly string[]>();

export function readingsOf(ch: string): readonly string[] {
  let r = readingCache.get(ch);
  if (!r) {
    const all = pinyin(ch, { toneType: 'none', type: 'array', multiple: true }) as string[];
    r = [...new Set(all.map((p) => p.replace(/ü/g, 'v')).filter((p) => /^[a-z]+$/.test(p)))];
    readingCache.set(ch, r);
  }
  return r;
}

/** First letters of a character's readings (长 → c, z). */
export function initialsOf(ch: string): string[] {
  return [...new Set(readingsOf(ch).map((p) => p[0]))];
}

/**
 * Regional accents and phone habits: zh/z, ch/c, sh/s, -ng/-n, and lue/lve, nue/nve.
 * Used only for syllables typed in Latin letters, never for characters.
 */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/ng$/, 'n')
    .replace(/^([ln])ue$/, '$1ve');
}

/** What one position of a typed query is: a character, a whole syllable, or the start of one. */
export type Unit =
  | { kind: 'char'; ch: string; pos: number }
  | { kind: 'syllable'; text: string; pos: number; end: number }
  | { kind: 'initial'; text: string; pos: number; end: number };

const INITIAL_PREFIXES = new Set(['zh', 'ch', 'sh']);
const SYLLABLE_COST = 1;
const INITIAL_COST = 2.5;
const MAX_SYLLABLE = 6;

/**
 * Splits a run of Latin letters into syllables and initials with the fewest, longest
 * pieces: "nianshen" → nian shen, "zgrz" → z g r z, "yanglaoj" → yang lao j.
 * A letter that starts no syllable here is read as an initial.
 */
export function parseLatin(run: string, offset: number): Unit[] {
  const n = run.length;
  const cost = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Number.POSITIVE_INFINITY) continue;
    for (let len = 1; len <= MAX_SYLLABLE && i + len <= n; len++) {
      const piece = run.slice(i, i + len);
      const c = PINYIN_SYLLABLES.has(piece) ? SYLLABLE_COST : len === 1 || INITIAL_PREFIXES.has(piece) ? INITIAL_COST : -1;
      if (c < 0) continue;
      if (cost[i] + c < cost[i + len]) {
        cost[i + len] = cost[i] + c;
        back[i + len] = i;
      }
    }
  }
  const units: Unit[] = [];
  for (let end = n; end > 0; end = back[end]) {
    const start = back[end];
    const text = run.slice(start, end);
    const kind = PINYIN_SYLLABLES.has(text) ? 'syllable' : 'initial';
    units.unshift({ kind, text, pos: offset + start, end: offset + end });
  }
  return units;
}

/** How a typed unit matches one character of a word: 2 exact, 1 by sound, 0 not at all. */
export function unitMatches(unit: Unit, ch: string): 0 | 1 | 2 {
  if (unit.kind === 'char') {
    if (unit.ch === ch) return 2;
    const mine = readingsOf(unit.ch);
    return readingsOf(ch).some((r) => mine.includes(r)) ? 1 : 0;
  }
  const readings = readingsOf(ch);
  if (unit.kind === 'syllable') {
    if (readings.includes(unit.text)) return 2;
    const f = fuzzySyllable(unit.text);
    return readings.some((r) => fuzzySyllable(r) === f) ? 1 : 0;
  }
  return readings.some((r) => r.startsWith(unit.text)) ? 2 : 0;
}

/** The possible first letters of a unit (a character may have several readings). */
export function unitInitials(unit: Unit): string[] {
  return unit.kind === 'char' ? initialsOf(unit.ch) : [unit.text[0]];
}

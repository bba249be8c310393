/**
 * Marks for the client: a matched stretch is wrapped as [[…]] (the client draws it as a
 * highlighted span; never HTML). Square brackets already in the text are shown full-width
 * (［ ］) so that they can never be read as a marker.
 */
export const MARK_OPEN = '[[';
export const MARK_CLOSE = ']]';
/** A snippet shows at most this many characters (markers not counted; an ellipsis counts as one). */
export const SNIPPET_CHARS = 80;
const CONTEXT_BEFORE = 12;
const SENTENCE_END = /[。！？；!?;\n]/;

/** Which characters of `norm` fall inside one of the texts (longest texts first). */
export function findMarks(norm: string, texts: readonly string[]): Uint8Array {
  const marks = new Uint8Array(norm.length);
  for (const text of texts) {
    // A number is indexed without its thousands separators: find 1045 as 1,045 too.
    for (const t of /^\d{4,}$/.test(text) ? [text, Number(text).toLocaleString('en-US')] : [text]) {
      if (!t) continue;
      for (let at = norm.indexOf(t); at >= 0; at = norm.indexOf(t, at + t.length)) marks.fill(1, at, at + t.length);
    }
  }
  return marks;
}

/** `original[from, to)` with its marked stretches wrapped; runs of white space become one space. */
export function markRange(original: string, marks: Uint8Array, from: number, to: number): string {
  let out = '';
  let open = false;
  let space = false;
  for (let i = from; i < to; i++) {
    const ch = original[i];
    if (/\s/.test(ch)) {
      if (open) {
        out += MARK_CLOSE;
        open = false;
      }
      if (!space && out) out += ' ';
      space = true;
      continue;
    }
    space = false;
    if (marks[i] && !open) {
      out += MARK_OPEN;
      open = true;
    } else if (!marks[i] && open) {
      out += MARK_CLOSE;
      open = false;
    }
    out += ch === '[' ? '［' : ch === ']' ? '］' : ch;
  }
  if (open) out += MARK_CLOSE;
  return out.trimEnd();
}

/** The stretch of the body with the most marked characters, at most SNIPPET_CHARS long, from a sentence start when one is near. */
export function snippetOf(original: string, marks: Uint8Array): string {
  const n = original.length;
  if (n <= SNIPPET_CHARS) return markRange(original, marks, 0, n);
  let bestStart = 0;
  let bestCover = -1;
  let firstMark = -1;
  for (let p = 0; p < n; p++) {
    if (!marks[p] || (p > 0 && marks[p - 1])) continue;
    const s = Math.max(0, p - CONTEXT_BEFORE);
    let cover = 0;
    for (let i = s; i < Math.min(n, s + SNIPPET_CHARS - 2); i++) cover += marks[i];
    if (cover > bestCover) {
      bestCover = cover;
      bestStart = s;
      firstMark = p;
    }
  }
  let start = bestStart;
  if (firstMark > 0) {
    for (let i = firstMark - 1; i >= bestStart; i--)
      if (SENTENCE_END.test(original[i])) {
        start = i + 1;
        break;
      }
  }
  const prefix = start > 0 ? 1 : 0;
  let end = n;
  let suffix = 0;
  if (n - start > SNIPPET_CHARS - prefix) {
    end = start + SNIPPET_CHARS - prefix - 1;
    suffix = 1;
  }
  if (end < n && /[\ud800-\udbff]/.test(original[end - 1])) end--;
  return (prefix ? '…' : '') + markRange(original, marks, start, end).trimStart() + (suffix ? '…' : '');
}

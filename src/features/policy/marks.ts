/** A piece of a search hit's text, and whether the search matched it. */
export interface MarkedPart {
  text: string;
  hit: boolean;
}

/**
 * The server marks matches with [[ ]] (never HTML; brackets in the text itself come back
 * full-width, so every [[ ]] is a mark). An unclosed [[ is kept as plain text.
 */
export function markedParts(marked: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let rest = marked;
  while (rest) {
    const open = rest.indexOf('[[');
    const close = open < 0 ? -1 : rest.indexOf(']]', open + 2);
    if (open < 0 || close < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    if (close > open + 2) parts.push({ text: rest.slice(open + 2, close), hit: true });
    rest = rest.slice(close + 2);
  }
  return parts;
}

/** The words without the marks, for screen readers and aria labels. */
export const unmarked = (marked: string) =>
  markedParts(marked)
    .map((p) => p.text)
    .join('');

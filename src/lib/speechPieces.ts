/**
 * Text cut into pieces a speech engine reads well: whole sentences, at most `max` characters
 * each. Browsers stop long utterances part way (Chrome after about 15 seconds), and WeChat's
 * 同声传译 plugin takes a limited length per call, so both adapters read piece by piece.
 */
export function speechPieces(text: string, max = 120): string[] {
  const sentences = text
    // No look-behind: WeChat's engine on iOS before 16.4 cannot parse it.
    .replace(/([。！？；!?;])/g, '$1\n')
    .split(/\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    for (const part of cut(sentence, max)) {
      if (current && current.length + part.length > max) {
        pieces.push(current);
        current = '';
      }
      current += part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** A sentence longer than `max`, cut at commas where it can be, else every `max` characters. */
function cut(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const comma = Math.max(...['，', '、', ',', '：'].map((c) => rest.lastIndexOf(c, max - 1)));
    const at = comma > max / 3 ? comma + 1 : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest) out.push(rest);
  return out;
}

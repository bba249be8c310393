import { TRADITIONAL_TO_SIMPLIFIED } from './traditional';

/**
 * One character in, one character out (UTF-16 units), so that a position in the
 * normalised text is the same position in the original and highlights can be drawn on
 * what staff wrote: full-width letters, digits and space become ASCII, capitals become
 * small, ü becomes v (as typed on a phone), and traditional characters in the small
 * table become simplified. Punctuation stays; the tokenizer treats it as a gap.
 */
export function normalizeText(text: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let m = c;
    if (c >= 0xff01 && c <= 0xff5e) m = c - 0xfee0;
    else if (c === 0x3000) m = 0x20;
    if (m >= 0x41 && m <= 0x5a) m += 0x20;
    else if (m === 0xfc || m === 0xdc) m = 0x76;
    else if (m >= 0x4e00) m = TRADITIONAL_TO_SIMPLIFIED.get(m) ?? m;
    if (m !== c) {
      if (!out) out = Array.from(text.slice(0, i));
      out.push(String.fromCharCode(m));
    } else if (out) out.push(text[i]);
  }
  return out ? out.join('') : text;
}

const HAN = /\p{Script=Han}/u;
export const isHan = (ch: string) => HAN.test(ch);
/** Runs of Han characters, with their start positions. */
export const HAN_RUNS = /\p{Script=Han}+/gu;

/**
 * The console's simple rich text: staff type lines (each a paragraph) and may add a few tags
 * with buttons (<strong>, lists). The server cleans whatever is sent (`_lib/richText.ts`); this
 * file only keeps staff's line breaks once there is markup, and lays stored HTML out one block
 * a line for editing.
 */

/** The server's own test: markup is `<` followed by a letter, `/`, `!` or `?`. */
export const hasMarkup = (s: string) => /<[a-zA-Z/!?]/.test(s);

const BLOCK = 'p|ul|ol|li|h3|h4|table|thead|tbody|tr|th|td';
const STARTS_BLOCK = new RegExp(`^</?(${BLOCK})\\b`, 'i');
const OPENS = new RegExp(`<(${BLOCK})\\b[^>]*>`, 'gi');
const CLOSES = new RegExp(`</(${BLOCK})\\s*>`, 'gi');

/**
 * What to send: plain text as typed (the server keeps it as text, lines are paragraphs); once
 * there is markup, each line outside a block becomes a <p>, since HTML would run them together.
 */
export function bodyToSend(body: string): string {
  const trimmed = body.trim();
  if (!hasMarkup(trimmed)) return trimmed;
  let depth = 0;
  const out: string[] = [];
  for (const raw of trimmed.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    out.push(depth === 0 && !STARTS_BLOCK.test(line) ? `<p>${line}</p>` : line);
    depth = Math.max(0, depth + (line.match(OPENS)?.length ?? 0) - (line.match(CLOSES)?.length ?? 0));
  }
  return out.join('\n');
}

/** Stored HTML laid out for the textarea: a line after each block, so it reads like what was typed. */
export function bodyForEditing(body: string, format: 'text' | 'html'): string {
  if (format === 'text') return body;
  return body
    .replace(/(<\/(p|li|h3|h4|tr|table|ul|ol)>|<(ul|ol|table)>)\s*/gi, '$1\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Snippets the formatting buttons insert; staff then type over the words in them. */
export const SNIPPETS = {
  bold: '<strong>要强调的字</strong>',
  bullets: '\n<ul>\n<li>第一条</li>\n<li>第二条</li>\n</ul>\n',
  numbered: '\n<ol>\n<li>第一步</li>\n<li>第二步</li>\n</ol>\n',
  heading: '\n<h3>小标题</h3>\n',
} as const;

/** `text` with `snippet` put in at `at` (the cursor), or at the end when it is unknown. */
export function insertAt(text: string, snippet: string, at: number | null): { text: string; cursor: number } {
  const pos = at == null || at < 0 || at > text.length ? text.length : at;
  const next = text.slice(0, pos) + snippet + text.slice(pos);
  return { text: next, cursor: pos + snippet.length };
}

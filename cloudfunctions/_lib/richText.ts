import sanitizeHtml from 'sanitize-html';
import type { RichTextFormat } from '../../contract/content';

/**
 * Rich text from staff (notice bodies, policy answers), cleaned on the server before it is
 * stored — whatever the client sent. `sanitize-html` keeps only a fixed allow-list: paragraphs,
 * line breaks, bold, italic, lists, two heading levels, simple tables, and links to http(s)
 * addresses (opened with rel="noopener noreferrer"). Everything else goes: scripts, styles,
 * frames, images, event handlers, style attributes, javascript: and data: addresses (the
 * library decodes entities and strips control characters before it checks a scheme). Elements
 * that are not allowed lose their tags but keep their words, except script-like ones whose
 * content is dropped with them.
 *
 * Text with no markup at all stays the author's plain text (`format: 'text'`): lines are
 * paragraphs, and it holds nothing a browser would read as a tag.
 */
export const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h3', 'h4', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

const SAFE_HREF = /^https?:\/\/[^\s]+$/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel', 'target'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  // Dropped together with everything inside them.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'title',
    'xmp',
    'noembed',
    'noframes',
    'template',
    'head',
  ],
  transformTags: {
    b: 'strong',
    i: 'em',
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      // Only absolute http(s) links; relative, protocol-relative and other schemes lose the address.
      const href = (attribs.href ?? '').trim();
      const safe: sanitizeHtml.Attributes = SAFE_HREF.test(href)
        ? { href, rel: 'noopener noreferrer', target: '_blank' }
        : { rel: 'noopener noreferrer' };
      return { tagName, attribs: safe };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href && !frame.text.trim(),
};

/** Markup begins with `<` and a letter, `/`, `!` or `?`; anything else is plain text. */
const MARKUP = /<[a-zA-Z!/?]/;

export interface CleanRichText {
  format: RichTextFormat;
  /** What is stored and shown. */
  value: string;
  /** The words alone: for reading aloud, search and summaries. */
  text: string;
}

export function cleanRichText(input: string): CleanRichText {
  const raw = input
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  if (!MARKUP.test(raw)) return { format: 'text', value: raw, text: raw };
  const value = sanitizeHtml(raw, OPTIONS).trim();
  return { format: 'html', value, text: htmlToText(value) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The words of sanitised HTML, one block per line. Only for sanitize-html's own output (tags
 * well formed, `<` and `>` escaped inside attribute values and text).
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h3|h4|tr|table|ul|ol)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

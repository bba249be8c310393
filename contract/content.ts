import { z } from 'zod';
import { STREETS } from './accounts';
import { isDay } from './recurrence';
import { inShanghai } from './time';

/**
 * Pieces shared by notices and policy answers: rich-text fields, instants typed by staff,
 * audiences, version history. The server sanitises rich text (`cloudfunctions/_lib/richText.ts`);
 * the schemas here only bound what may be sent.
 */

/**
 * How a stored body is to be shown: `text` is what the author typed with no markup (lines are
 * paragraphs; safe to show as text, and holds no tag), `html` is the sanitised rich text.
 */
export type RichTextFormat = 'text' | 'html';

/** A rich-text body may carry this much markup around its words. */
export const RICH_TEXT_RAW_MAX = 20_000;

/**
 * Roughly how many characters a reader will see: tags and entities taken out. The server
 * checks again after sanitising; this is for the form's message.
 */
export function visibleLength(s: string): number {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&[#a-zA-Z0-9]+;/g, ' ')
    .trim().length;
}

/** A rich-text (or plain) body: what is sent is bounded; its visible words at most `max`. */
export const richTextField = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(RICH_TEXT_RAW_MAX, `${label}太长了，请删掉一些格式或文字`)
    .refine((s) => visibleLength(s) <= max, `${label}不能超过${max}个字`);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_MINUTE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/;

/**
 * An instant as staff type it, "2026-12-01 08:00" (Beijing time), or as the app sends it
 * (ISO 8601 with an offset). Null when it is neither.
 */
export function parseInstant(s: string): Date | null {
  const local = LOCAL_MINUTE.exec(s);
  if (local) {
    const [, d, hh, mm] = local;
    if (!isDay(d) || Number(hh) > 23 || Number(mm) > 59) return null;
    return new Date(`${d}T${hh}:${mm}:00+08:00`);
  }
  if (!ISO_INSTANT.test(s)) return null;
  const at = new Date(s);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An instant field; the parsed value is an ISO string (UTC). */
export const instantField = (what: string) =>
  z
    .string({ error: `${what}不对` })
    .trim()
    .transform((s, ctx) => {
      const at = parseInstant(s);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: `${what}应写成 2026-12-01 08:00 这样` });
        return z.NEVER;
      }
      return at.toISOString();
    });

export const dayField = (what: string) => z.string({ error: `${what}不对` }).refine(isDay, `${what}应写成 2026-03-02 这样`);

/** The streets a notice is for; none means the whole district. */
export const audienceStreetsField = z
  .array(z.enum(STREETS, { error: '街道不对' }), { error: '街道不对' })
  .max(STREETS.length, '街道不对')
  .transform((xs) => [...new Set(xs)]);

/** "全区" or "海沧街道、新阳街道". */
export function audienceWords(streets: readonly string[]): string {
  return streets.length === 0 ? '全区' : streets.join('、');
}

/** "2026年12月1日 08:00" in Beijing time, for staff lists and notes. */
export function instantWords(iso: string): string {
  const t = inShanghai(iso);
  return `${t.year()}年${t.month() + 1}月${t.date()}日 ${t.format('HH:mm')}`;
}

/**
 * Where an item stands for a reader right now: a draft; published but waiting for its time
 * (`scheduled`); `live`; past its expiry or not (yet/any longer) in effect (`expired` /
 * `notYetEffective`); taken down (`unpublished`).
 */
export type ContentState = 'draft' | 'scheduled' | 'live' | 'notYetEffective' | 'expired' | 'unpublished';

export const CONTENT_STATE_WORDS: Record<ContentState, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  live: '已发布',
  notYetEffective: '未到施行日期',
  expired: '已过期',
  unpublished: '已撤下',
};

/** One earlier version of a notice or an answer, as the history lists it. */
export interface ContentVersion {
  version: number;
  /** When this version was saved (it was current until the next save). */
  savedAt: string;
  savedByName: string | null;
  /** Its title (a notice) or question (an answer). */
  title: string;
  /** The first words of its body. */
  summary: string;
}

export interface ContentHistory {
  /** The version in force now. */
  current: { version: number; savedAt: string; savedByName: string | null };
  /** Earlier versions, newest first (at most `VERSION_LIST_MAX`). */
  versions: ContentVersion[];
}

export const VERSION_LIST_MAX = 50;

/** The first `n` characters of a plain text, on one line. */
export function summaryOf(text: string, n = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > n ? `${line.slice(0, n)}…` : line;
}

import { instantWords } from '../../contract/content';
import { invalidInput } from '../_lib/errors';
import { cleanRichText } from '../_lib/richText';

/**
 * Rules shared by notices and answers when they are saved and published.
 */

/**
 * When a published item becomes visible: the time asked for if it is still to come; otherwise
 * the time it first went out (a re-publish keeps its date), or now.
 */
export function liveFrom(publishAt: Date | null, previous: Date | null | undefined, at: Date): Date {
  if (publishAt && publishAt.getTime() > at.getTime()) return publishAt;
  if (previous && new Date(previous).getTime() <= at.getTime()) return new Date(previous);
  return at;
}

export const dateOrNull = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

/** A new expiry must be still to come, and after the item goes out. */
export function checkExpiry(expireAt: Date | null, goesOutAt: Date | null, at: Date) {
  if (!expireAt) return;
  if (expireAt.getTime() <= at.getTime()) throw invalidInput('下架时间已经过了，请重新填写');
  if (goesOutAt && expireAt.getTime() <= goesOutAt.getTime()) {
    throw invalidInput(`下架时间要晚于发布时间（${instantWords(goesOutAt.toISOString())}）`);
  }
}

/** A body cleaned on the server (never trusting the client), with its words; refused if nothing readable is left. */
export function cleanBody(input: string, label: string, max: number) {
  const cleaned = cleanRichText(input);
  if (!cleaned.text) throw invalidInput(`请填写${label}`);
  if (cleaned.text.length > max) throw invalidInput(`${label}不能超过${max}个字`);
  return cleaned;
}

import { z } from 'zod';

/**
 * Mainland resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit area code,
 * 8-digit birth date, 3-digit sequence (odd = male), 1 check character (0-9 or X).
 *
 * Pure functions only: this file is bundled into the mini-program as well as the
 * cloud functions, so no Node APIs. Callers should pass what the user typed; every
 * function trims and upper-cases first, because a lowercase x is the commonest slip.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH = '19000101';

const normalize = (s: string): string =>
  String(s ?? '')
    .trim()
    .toUpperCase();

/** The check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Today in Beijing time as YYYYMMDD, whatever the device's time zone. */
function todayCompact(today?: string | Date): string {
  if (typeof today === 'string') return today.replace(/-/g, '').slice(0, 8);
  const ms = (today ?? new Date()).getTime() + 8 * 3600_000;
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

/** True unless digits 7-14 are a real calendar date between 1900-01-01 and today. */
function birthDateImpossible(id: string, today?: string | Date): boolean {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return true;
  const ymd = id.slice(6, 14);
  return ymd < EARLIEST_BIRTH || ymd > todayCompact(today);
}

/**
 * A plain Chinese reason the ID number is wrong, or null if it is fine. Used for
 * form messages and for the per-row errors of a roster import.
 * `today` (YYYY-MM-DD or a Date) defaults to the current date in Beijing time.
 */
export function idNumberProblem(s: string, today?: string | Date): string | null {
  const id = normalize(s);
  if (id === '') return '请填写身份证号';
  if (id.length !== 18) return '身份证号应为18位';
  if (!SHAPE.test(id)) return '身份证号只能是数字，最后一位可以是X';
  // Date before checksum: a mistyped date digit also breaks the checksum, and
  // "the birth date is wrong" tells the person where to look.
  if (birthDateImpossible(id, today)) return '身份证号中的出生日期不对';
  if (checkDigit(id.slice(0, 17)) !== id[17]) return '身份证号最后一位校验不对，请核对';
  return null;
}

export function isValidIdNumber(s: string, today?: string | Date): boolean {
  return idNumberProblem(s, today) === null;
}

function shaped(s: string): string {
  const id = normalize(s);
  if (!SHAPE.test(id)) throw new RangeError('not an 18-character ID number; validate it first');
  return id;
}

/** 'YYYY-MM-DD' from an ID number already checked with isValidIdNumber. */
export function birthDateFromId(s: string): string {
  const id = shaped(s);
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** 'M' if the 17th digit is odd, else 'F'. */
export function sexFromId(s: string): 'M' | 'F' {
  return Number(shaped(s)[16]) % 2 === 1 ? 'M' : 'F';
}

/**
 * First 4 and last 4 characters, stars between: '3502**********1234'. The 4 digits
 * of the area code are what staff use to tell people apart on a list. Anything too
 * short to mask that way is starred out entirely.
 */
export function maskIdNumber(s: string): string {
  const id = normalize(s);
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** For zod input schemas: trims, upper-cases, and fails with the Chinese reason. */
export const idNumberSchema = z
  .string({ error: '请填写身份证号' })
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

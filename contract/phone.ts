import { z } from 'zod';

/** Mainland mobile numbers. Pure functions: also bundled into the mini-program. */

const MOBILE = /^1[3-9]\d{9}$/;

/** 11 digits starting 13–19. Surrounding spaces are ignored; nothing else is. */
export function isValidMobile(s: string): boolean {
  return MOBILE.test(String(s ?? '').trim());
}

/**
 * '138****1234': the first 3 (carrier) and last 4 digits are what people recognise
 * their own number by. Anything too short to mask that way is starred out entirely.
 */
export function maskPhone(s: string): string {
  const p = String(s ?? '').trim();
  if (p.length <= 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

/** For zod input schemas. */
export const mobileSchema = z.string({ error: '请填写手机号' }).trim().regex(MOBILE, '手机号应为11位数字，以1开头');

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Calendar rules run in China Standard Time (UTC+8, no daylight saving), whatever zone
 * the machine or the phone is in. A fixed offset is used rather than an IANA zone so the
 * answer never depends on the runtime's time-zone database.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export const inShanghai = (at: Date | string | number = new Date()) => dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES);

/** 'YYYY-MM-DD' of the day it is in UTC+8 at that instant. */
export function shanghaiDay(at: Date | string | number = new Date()): string {
  return inShanghai(at).format('YYYY-MM-DD');
}

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Recurrence of events: which occurrences a schedule has, as pure functions of calendar
 * days ('YYYY-MM-DD') and times ('HH:mm') in UTC+8, shared by the functions and the app.
 *
 * A weekly schedule names weekdays (1 = Monday … 7 = Sunday), a time slot and a date
 * range; exceptions cancel one date (a public holiday, the teacher is away) or move it
 * (another day and/or time). There is no built-in holiday calendar: holidays change every
 * year by State Council notice, so staff add them to the event as cancel exceptions
 * (`holidayExceptions` turns a list of dates into those).
 */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type ScheduleException =
  | { date: string; action: 'cancel'; reason: string }
  | { date: string; action: 'move'; toDate: string; start: string; end: string; reason: string };

export type Schedule =
  | { type: 'once'; date: string; start: string; end: string }
  | {
      type: 'weekly';
      weekdays: Weekday[];
      start: string;
      end: string;
      /** First and last day of the series, inclusive. */
      from: string;
      to: string;
      exceptions: ScheduleException[];
    };

/** One occurrence of a schedule. `originalDate` names it for good (the occurrence id is `<eventId>:<originalDate>`). */
export interface OccurrenceSlot {
  originalDate: string;
  date: string;
  start: string;
  end: string;
  /** Set when an exception cancels it. */
  cancelled: { reason: string } | null;
  /** Set when an exception moved it: where it was. */
  movedFrom: { date: string; start: string; end: string; reason: string } | null;
}

/** Occurrences are materialised this many weeks ahead of today; the daily scheduler extends the horizon. */
export const HORIZON_WEEKS = 26;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const day = (s: string) => dayjs.utc(s);
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

export function isDay(s: string): boolean {
  return ISO_DAY.test(s) && day(s).isValid() && fmt(day(s)) === s;
}

export const isTime = (s: string) => HHMM.test(s);

export function addDays(d: string, n: number): string {
  return fmt(day(d).add(n, 'day'));
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(d: string): Weekday {
  const js = day(d).day(); // 0 = Sunday
  return (js === 0 ? 7 : js) as Weekday;
}

/** The Monday of the week `d` falls in. */
export function mondayOf(d: string): string {
  return addDays(d, 1 - weekdayOf(d));
}

/** An instant as ISO 8601 with the +08:00 offset, e.g. 2026-03-02T08:00:00+08:00. */
export function startsAtIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** Minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export const WEEKDAY_WORDS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

/** The schedule's problems in words a staff member can act on; empty when it is sound. */
export function scheduleProblems(s: Schedule): string[] {
  const out: string[] = [];
  const slot = (start: string, end: string, what: string) => {
    if (!isTime(start) || !isTime(end)) out.push(`${what}的时间应写成 08:00 这样`);
    else if (minutesOf(end) <= minutesOf(start)) out.push(`${what}的结束时间要晚于开始时间`);
  };
  if (s.type === 'once') {
    if (!isDay(s.date)) out.push('活动日期不对');
    slot(s.start, s.end, '活动');
    return out;
  }
  if (!s.weekdays.length) out.push('请至少选一个星期几');
  if (new Set(s.weekdays).size !== s.weekdays.length) out.push('星期几有重复');
  if (!isDay(s.from) || !isDay(s.to)) out.push('开始或结束日期不对');
  else if (s.to < s.from) out.push('结束日期不能早于开始日期');
  else if (dayjs.utc(s.to).diff(dayjs.utc(s.from), 'day') > 366 * 3) out.push('一个系列最长三年，请分开设置');
  slot(s.start, s.end, '每次活动');
  const seen = new Set<string>();
  const targets = new Set<string>();
  for (const e of s.exceptions) {
    if (!isDay(e.date)) {
      out.push(`调整的日期 ${e.date} 不对`);
      continue;
    }
    if (seen.has(e.date)) out.push(`${e.date} 调整了两次，请只留一次`);
    seen.add(e.date);
    if (isDay(s.from) && isDay(s.to) && (e.date < s.from || e.date > s.to || !s.weekdays.includes(weekdayOf(e.date)))) {
      out.push(`${e.date} 本来没有活动，不用调整`);
    }
    if (e.action === 'move') {
      if (!isDay(e.toDate)) out.push(`${e.date} 改到的日期不对`);
      slot(e.start, e.end, `${e.date} 改期后`);
      const key = `${e.toDate} ${e.start}`;
      if (targets.has(key)) out.push(`两次活动都改到了 ${e.toDate} ${e.start}`);
      targets.add(key);
    }
  }
  return out;
}

/**
 * The occurrences of a schedule whose *original* date falls in [from, until] (inclusive),
 * in order of original date. Cancelled ones are included, marked; moved ones carry their
 * new date and time (which may fall outside the range) and where they came from.
 */
export function expandSchedule(s: Schedule, range: { from?: string; until: string }): OccurrenceSlot[] {
  if (s.type === 'once') {
    if ((range.from && s.date < range.from) || s.date > range.until) return [];
    return [{ originalDate: s.date, date: s.date, start: s.start, end: s.end, cancelled: null, movedFrom: null }];
  }
  const first = range.from && range.from > s.from ? range.from : s.from;
  // biome-ignore lint/complexity/useMathMinMax: days are strings ('YYYY-MM-DD'), compared as text
  const last = range.until < s.to ? range.until : s.to;
  const byDate = new Map(s.exceptions.map((e) => [e.date, e]));
  const out: OccurrenceSlot[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (!s.weekdays.includes(weekdayOf(d))) continue;
    const e = byDate.get(d);
    if (e?.action === 'move') {
      out.push({
        originalDate: d,
        date: e.toDate,
        start: e.start,
        end: e.end,
        cancelled: null,
        movedFrom: { date: d, start: s.start, end: s.end, reason: e.reason },
      });
    } else {
      out.push({ originalDate: d, date: d, start: s.start, end: s.end, cancelled: e ? { reason: e.reason } : null, movedFrom: null });
    }
  }
  return out;
}

/** The last original date materialised on `today`: HORIZON_WEEKS ahead. */
export function horizonEnd(today: string, weeks = HORIZON_WEEKS): string {
  return addDays(today, weeks * 7);
}

/** Public holidays (as this year's notice lists them) as cancel exceptions for the days the schedule meets. */
export function holidayExceptions(s: Schedule, holidays: Array<{ date: string; name: string }>): ScheduleException[] {
  if (s.type !== 'weekly') return [];
  return holidays
    .filter((h) => h.date >= s.from && h.date <= s.to && s.weekdays.includes(weekdayOf(h.date)))
    .filter((h) => !s.exceptions.some((e) => e.date === h.date))
    .map((h) => ({ date: h.date, action: 'cancel' as const, reason: `${h.name}放假` }));
}

/** A schedule in words: "每周一、二、四 08:00–09:00（2026年3月2日起至2026年8月31日）". */
export function scheduleWords(s: Schedule): string {
  const cn = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return `${y}年${m}月${dd}日`;
  };
  if (s.type === 'once') return `${cn(s.date)} ${s.start}–${s.end}`;
  const days = [...s.weekdays].sort((a, b) => a - b).map((w, i) => (i === 0 ? WEEKDAY_WORDS[w] : WEEKDAY_WORDS[w].slice(1)));
  return `每${days.join('、')} ${s.start}–${s.end}（${cn(s.from)}起至${cn(s.to)}）`;
}

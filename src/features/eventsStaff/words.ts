import type { EventStatus, OccurrenceView, RosterLine } from '@contract/events';
import { WEEKDAY_WORDS, weekdayOf } from '@contract/recurrence';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { formatDay } from '@/lib/dates';

dayjs.extend(utc);

/** Ids of events, occurrences and registrations hold ':' (`<eventId>:<date>`), which a wxml/CSS id must not. */

export const EVENT_STATUS_WORDS: Record<EventStatus, string> = { draft: '草稿', published: '已发布', ended: '已结束' };

/** '2026年11月23日（周一）08:00–09:00' */
export function occurrenceWhen(o: Pick<OccurrenceView, 'date' | 'start' | 'end'>): string {
  return `${formatDay(o.date)}（${WEEKDAY_WORDS[weekdayOf(o.date)]}）${o.start}–${o.end}`;
}

/** '2026年11月23日（周一）' */
export const dayWithWeekday = (date: string) => `${formatDay(date)}（${WEEKDAY_WORDS[weekdayOf(date)]}）`;

/** An instant as the time of day in UTC+8: '08:02'. */
export function timeOfDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.utcOffset(8 * 60).format('HH:mm') : '';
}

/** Who signed the person up, in words for staff. */
export function viaWords(line: Pick<RosterLine, 'via' | 'operatorName'>): string {
  if (line.via === 'family') return `家人${line.operatorName ?? ''}帮报`;
  if (line.via === 'staff') return `工作人员${line.operatorName ?? ''}代报`;
  return '本人报名';
}

/** 0.8333 → '83.3%', 1 → '100%'; nobody registered → '—'. */
export function rateText(rate: number | null): string {
  if (rate == null) return '—';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

import type { EventView, MyPlace, OccurrenceView, RegistrationStatus } from '@contract/events';
import { formatDayWithWeekday, formatMonthDayTime } from '@/lib/dates';

/**
 * Events in the words every page uses: when, whether there is room, where each person
 * stands. The server decides (window, places, status); these only say it.
 */

/** '11月24日 星期二 08:00–09:00'. */
export const occurrenceTimeWords = (o: { date: string; start: string; end: string }) =>
  `${formatDayWithWeekday(o.date)} ${o.start}–${o.end}`;

/** An opening time is always 00:00: the day says it. */
const whenWords = (iso: string) => formatMonthDayTime(iso).replace(/ 00:00$/, '');

export type AvailabilityTone = 'open' | 'full' | 'waiting' | 'closed' | 'cancelled';

/** Whether one can register now, in a few words: 剩余N个名额 / 已满，可排队候补 / 报名未开始 / 已截止 / 已取消. */
export function availability(o: OccurrenceView): { text: string; tone: AvailabilityTone } {
  if (o.status === 'cancelled') return { text: `这一场已取消${o.cancelReason ? `：${o.cancelReason}` : ''}`, tone: 'cancelled' };
  if (o.eventStatus === 'ended') return { text: '活动已结束', tone: 'closed' };
  if (o.window === 'not_yet') return { text: `报名未开始，${whenWords(o.opensAt)}起可以报名`, tone: 'waiting' };
  if (o.window === 'closed') return { text: '报名已截止', tone: 'closed' };
  if (o.placesLeft > 0) return { text: `剩余${o.placesLeft}个名额`, tone: 'open' };
  return { text: '名额已满，可以排队候补', tone: 'full' };
}

/** '时间有调整：原定11月24日 星期二 08:00，<reason>' for a moved occurrence; null otherwise. */
export function movedWords(o: Pick<OccurrenceView, 'movedFrom'>): string | null {
  if (!o.movedFrom) return null;
  const { date, start, reason } = o.movedFrom;
  return `时间有调整：原定${formatDayWithWeekday(date)} ${start}${reason ? `，${reason}` : ''}`;
}

/** '11月16日起可以报名，11月24日 07:00截止'. */
export const windowWords = (o: Pick<OccurrenceView, 'opensAt' | 'closesAt'>) =>
  `${whenWords(o.opensAt)}起可以报名，${formatMonthDayTime(o.closesAt)}截止报名`;

/** '11月24日 06:00前可以取消'. */
export const cancelDeadlineWords = (iso: string) => `如不能参加，请在${formatMonthDayTime(iso)}前取消`;

/** '限60岁以上参加' / '限60至80岁参加' / null when anyone may come. */
export function ageWords(e: Pick<EventView, 'ageMin' | 'ageMax'>): string | null {
  if (e.ageMin != null && e.ageMax != null) return `限${e.ageMin}至${e.ageMax}岁参加`;
  if (e.ageMin != null) return `限${e.ageMin}岁以上参加`;
  if (e.ageMax != null) return `限${e.ageMax}岁以下参加`;
  return null;
}

const STATUS_WORDS: Record<RegistrationStatus, string> = {
  confirmed: '已报名',
  waitlisted: '排队候补',
  pending: '已提交，等待工作人员审核',
  cancelled: '已取消',
  refused: '没有通过审核',
};

/** Where one person stands: '已报名' / '排队候补第2位' / '等待审核' … */
export function placeWords(p: Pick<MyPlace, 'status' | 'position'>): string {
  if (p.status === 'waitlisted' && p.position != null) return `排队候补第${p.position}位`;
  return STATUS_WORDS[p.status];
}

/** Holding or waiting for a place (or a request under review): there is something to cancel. */
export const isActive = (status: RegistrationStatus) => status === 'confirmed' || status === 'waitlisted' || status === 'pending';

/** An id usable in a page (`#id`): occurrence and registration ids hold ':'. */

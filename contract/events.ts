import { z } from 'zod';
import { requestIdSchema } from './common';
import { addDays, isDay, isTime, minutesOf, type Schedule, scheduleProblems, startsAtIso } from './recurrence';

/**
 * Events (活动): recurring public classes (tai chi), performances, health lectures, fun
 * sports meets and study visits. Inputs of the `events` function (zod, Chinese messages),
 * what it answers, and the rules both sides compute (registration window, cancellation
 * deadline, age limits, places left). Attendance is counted in person-times: one person at
 * one occurrence.
 */
export const EVENT_KINDS = {
  class: '公益课堂',
  performance: '文艺演出',
  lecture: '健康讲座',
  sports: '趣味运动会',
  visit: '参观学习',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;
const KIND_KEYS = Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]];

export type EventStatus = 'draft' | 'published' | 'ended';
export type OccurrenceStatus = 'scheduled' | 'cancelled';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'refused';
export type RegistrationVia = 'self' | 'family' | 'staff';

export const REGISTRATION_STATUS_WORDS: Record<RegistrationStatus, string> = {
  confirmed: '已报名',
  waitlisted: '排队候补',
  pending: '等待审核',
  cancelled: '已取消',
  refused: '未通过审核',
};

/** Registrations that hold (or wait for) a place; a cancelled or refused one may be re-used by registering again. */
export const ACTIVE_REGISTRATION: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'pending'];

// ---- input pieces ----------------------------------------------------------------

const dayField = (what: string) => z.string({ error: `${what}不对` }).refine(isDay, `${what}应写成 2026-03-02 这样`);
const timeField = (what: string) => z.string({ error: `${what}不对` }).refine(isTime, `${what}应写成 08:00 这样`);
const reason = z.string({ error: '请写明原因' }).trim().min(2, '请写明原因（至少2个字）').max(40, '原因最多40个字');
const requestId = requestIdSchema;
const id = (what: string) =>
  z
    .string({ error: `请选择${what}` })
    .min(1, `请选择${what}`)
    .max(120, `${what}不对`);

const exceptionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ date: dayField('调整的日期'), action: z.literal('cancel'), reason }).strict(),
    z
      .object({
        date: dayField('调整的日期'),
        action: z.literal('move'),
        toDate: dayField('改到的日期'),
        start: timeField('开始时间'),
        end: timeField('结束时间'),
        reason,
      })
      .strict(),
  ],
  { error: '调整方式不对' },
);

export const scheduleSchema = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('once'), date: dayField('活动日期'), start: timeField('开始时间'), end: timeField('结束时间') }).strict(),
      z
        .object({
          type: z.literal('weekly'),
          weekdays: z
            .array(z.number({ error: '星期几不对' }).int('星期几不对').min(1, '星期几不对').max(7, '星期几不对'), { error: '请选择星期几' })
            .min(1, '请至少选一个星期几')
            .max(7, '星期几不对'),
          start: timeField('开始时间'),
          end: timeField('结束时间'),
          from: dayField('开始日期'),
          to: dayField('结束日期'),
          exceptions: z.array(exceptionSchema, { error: '调整的日期不对' }).max(200, '调整的日期太多了').default([]),
        })
        .strict(),
    ],
    { error: '请选择一次性活动还是每周固定活动' },
  )
  .superRefine((s, ctx) => {
    const first = scheduleProblems(s as Schedule)[0];
    if (first) ctx.addIssue({ code: 'custom', message: first });
  });

export const placeSchema = z
  .object({
    name: z.string({ error: '请填写活动地点' }).trim().min(2, '请填写活动地点').max(40, '地点名称最多40个字'),
    address: z.string({ error: '请填写详细地址' }).trim().min(2, '请填写详细地址').max(100, '地址最多100个字'),
    latitude: z.number({ error: '纬度不对' }).min(-90, '纬度不对').max(90, '纬度不对').optional(),
    longitude: z.number({ error: '经度不对' }).min(-180, '经度不对').max(180, '经度不对').optional(),
  })
  .strict()
  .refine((p) => (p.latitude === undefined) === (p.longitude === undefined), { message: '经度和纬度要一起填' });

const eventFields = z
  .object({
    /** Absent: a new event. Present: edit that event (draft or published). */
    eventId: id('活动').optional(),
    kind: z.enum(KIND_KEYS, { error: '请选择活动类别' }),
    title: z.string({ error: '请填写活动名称' }).trim().min(2, '活动名称至少2个字').max(30, '活动名称最多30个字'),
    description: z.string({ error: '活动介绍不对' }).trim().max(2000, '活动介绍最多2000字').default(''),
    coverFileId: z.string({ error: '封面图片不对' }).startsWith('cloud://', '封面图片不对').max(1000, '封面图片不对').nullable().optional(),
    place: placeSchema,
    schedule: scheduleSchema,
    capacity: z.number({ error: '请填写名额' }).int('名额要填整数').min(1, '名额至少1人').max(5000, '名额最多5000人'),
    /** Registration opens this many days before each occurrence (at 00:00) … */
    opensDaysBefore: z.number({ error: '请填写提前几天开始报名' }).int('天数要填整数').min(0, '天数不对').max(90, '最多提前90天报名'),
    /** … and closes this many minutes before it starts. */
    closesMinutesBefore: z
      .number({ error: '请填写报名截止时间' })
      .int('分钟数要填整数')
      .min(0, '截止时间不对')
      .max(10080, '最早提前7天截止'),
    /** Retirees and family may cancel until this many minutes before the start (staff any time). */
    cancelMinutesBefore: z
      .number({ error: '请填写取消截止时间' })
      .int('分钟数要填整数')
      .min(0, '取消截止时间不对')
      .max(10080, '最早提前7天截止取消'),
    needsApproval: z.boolean({ error: '请选择是否需要审核' }),
    ageMin: z.number({ error: '最低年龄不对' }).int('年龄要填整数').min(40, '最低年龄不对').max(120, '最低年龄不对').nullable().optional(),
    ageMax: z.number({ error: '最高年龄不对' }).int('年龄要填整数').min(40, '最高年龄不对').max(120, '最高年龄不对').nullable().optional(),
    requestId,
  })
  .strict()
  .refine((e) => e.ageMin == null || e.ageMax == null || e.ageMin <= e.ageMax, { message: '最低年龄不能大于最高年龄', path: ['ageMin'] });

export const eventSchemas = {
  /** Everyone: the occurrences of a week (Monday to Sunday; any day of it will do; default this week), optionally of one kind. */
  'event.week': z.object({ monday: dayField('日期').optional(), kind: z.enum(KIND_KEYS, { error: '活动类别不对' }).optional() }).strict(),
  /** Everyone: one event (published or ended; staff also drafts) with its upcoming occurrences (staff: or past ones). */
  'event.get': z
    .object({
      eventId: id('活动'),
      /** Staff: the occurrences before today instead (newest first, at most 60), to fill in attendance afterwards. */
      past: z.boolean({ error: '请选择看以前还是以后的场次' }).optional(),
    })
    .strict(),
  /** Staff: every event, newest first, optionally by status. */
  'event.list': z.object({ status: z.enum(['draft', 'published', 'ended'], { error: '状态不对' }).optional() }).strict(),
  /** Staff: create (no eventId) or edit an event. A retried create (same requestId) returns the first event. */
  'event.save': eventFields,
  /** Staff: publish a draft: its occurrences are made and people may register. */
  'event.publish': z.object({ eventId: id('活动') }).strict(),
  /** Staff: end an event: no new registrations; its occurrences stay for the records. */
  'event.end': z.object({ eventId: id('活动') }).strict(),
  /** Staff: cancel one occurrence; everyone registered is told. */
  'occurrence.cancel': z.object({ occurrenceId: id('场次'), reason }).strict(),
  /** Staff: move one occurrence to another day and/or time; everyone registered is told. */
  'occurrence.move': z
    .object({
      occurrenceId: id('场次'),
      toDate: dayField('改到的日期'),
      start: timeField('开始时间'),
      end: timeField('结束时间'),
      reason,
    })
    .strict()
    .refine((m) => !isTime(m.start) || !isTime(m.end) || minutesOf(m.end) > minutesOf(m.start), {
      message: '结束时间要晚于开始时间',
      path: ['end'],
    }),
  /** A retiree for themself, family for an elder they help, staff for anyone (walk-ins). */
  'registration.create': z.object({ occurrenceId: id('场次'), retireeId: id('报名的人'), requestId }).strict(),
  /** Before the cancellation deadline (staff any time). A freed place goes to the first on the waitlist. */
  'registration.cancel': z.object({ registrationId: id('报名') }).strict(),
  /** My registrations and those of the elders I help, upcoming and past. */
  'registration.mine': z.object({}).strict(),
  /** Staff: everyone registered for an occurrence (phone numbers masked). */
  'registration.list': z.object({ occurrenceId: id('场次') }).strict(),
  /** Staff: approve or refuse a pending registration (approval takes a place, or a place on the waitlist). */
  'registration.review': z.object({ registrationId: id('报名'), approve: z.boolean({ error: '请选择通过还是不通过' }) }).strict(),
  /** The person (or the family member helping): the check-in code of one confirmed registration, valid for about two minutes. */
  'checkin.code': z.object({ registrationId: id('报名') }).strict(),
  /** Staff on the day: a scanned QR code, or the 6-digit number under it typed in. */
  'checkin.scan': z
    .object({
      occurrenceId: id('场次'),
      code: z.string({ error: '请扫码或输入签到码' }).trim().min(6, '签到码是6位数字，或扫二维码').max(400, '这不是签到二维码'),
    })
    .strict(),
  /** Staff: check someone in from the list (or take it back, on a mistake). */
  'checkin.mark': z.object({ registrationId: id('报名'), checkedIn: z.boolean({ error: '请选择签到还是撤销签到' }) }).strict(),
  /** Staff: who came, as a file (XLSX or CSV): one occurrence, or every occurrence of an event. */
  'attendance.export': z
    .object({
      occurrenceId: id('场次').optional(),
      eventId: id('活动').optional(),
      format: z.enum(['xlsx', 'csv'], { error: '请选择文件格式' }),
      requestId,
    })
    .strict()
    .refine((v) => (v.occurrenceId === undefined) !== (v.eventId === undefined), { message: '请选择一场活动或一个活动' }),
  /** Staff: person-times and attendance for a year (default this year). */
  'stats.get': z
    .object({ year: z.number({ error: '年份不对' }).int('年份不对').min(2000, '年份不对').max(2100, '年份不对').optional() })
    .strict(),
} as const;

export type EventInput<A extends keyof typeof eventSchemas> = z.input<(typeof eventSchemas)[A]>;
export type EventSaveInput = z.output<(typeof eventSchemas)['event.save']>;
export type Place = z.output<typeof placeSchema>;

// ---- rules ------------------------------------------------------------------------

export interface EventRules {
  opensDaysBefore: number;
  closesMinutesBefore: number;
  cancelMinutesBefore: number;
  ageMin?: number | null;
  ageMax?: number | null;
}

const minutesBefore = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();

/** When registration for an occurrence opens (00:00 UTC+8, `opensDaysBefore` days before) and closes. ISO instants. */
export function registrationWindow(occ: { date: string; start: string }, rules: EventRules): { opensAt: string; closesAt: string } {
  return {
    opensAt: new Date(startsAtIso(addDays(occ.date, -rules.opensDaysBefore), '00:00')).toISOString(),
    closesAt: minutesBefore(startsAtIso(occ.date, occ.start), rules.closesMinutesBefore),
  };
}

export type WindowState = 'not_yet' | 'open' | 'closed';

export function windowState(occ: { date: string; start: string }, rules: EventRules, at: Date): WindowState {
  const { opensAt, closesAt } = registrationWindow(occ, rules);
  const t = at.getTime();
  if (t < Date.parse(opensAt)) return 'not_yet';
  if (t >= Date.parse(closesAt)) return 'closed';
  return 'open';
}

/** The last instant a retiree or family member may cancel (staff may cancel any time). */
export function cancelDeadline(occ: { date: string; start: string }, rules: EventRules): string {
  return minutesBefore(startsAtIso(occ.date, occ.start), rules.cancelMinutesBefore);
}

/** Age in whole years on a day (birthday counted on the day; 29 Feb birthdays on 1 Mar in common years). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Why a person of this age may not join (Chinese), or null. */
export function ageProblem(birthDate: string | null | undefined, on: string, rules: EventRules): string | null {
  if (rules.ageMin == null && rules.ageMax == null) return null;
  if (!birthDate) return '没有出生日期，无法确认年龄，请联系工作人员';
  const age = ageOn(birthDate, on);
  if (rules.ageMin != null && age < rules.ageMin) return `这个活动限${rules.ageMin}岁以上参加`;
  if (rules.ageMax != null && age > rules.ageMax) return `这个活动限${rules.ageMax}岁以下参加`;
  return null;
}

// ---- outputs ----------------------------------------------------------------------

export interface EventView {
  id: string;
  kind: EventKind;
  kindWords: string;
  title: string;
  description: string;
  coverFileId: string | null;
  place: Place;
  schedule: Schedule;
  /** The schedule in words: "每周一、二、四 08:00–09:00（…起至…）". */
  scheduleWords: string;
  capacity: number;
  opensDaysBefore: number;
  closesMinutesBefore: number;
  cancelMinutesBefore: number;
  needsApproval: boolean;
  ageMin: number | null;
  ageMax: number | null;
  status: EventStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** Someone I registered (myself or an elder I help) for an occurrence. */
export interface MyPlace {
  registrationId: string;
  retireeId: string;
  retireeName: string;
  status: RegistrationStatus;
  /** 1 = next in line; null unless waitlisted. Gapless: 1 + those waiting with an earlier ticket. */
  position: number | null;
  /** Whether the person (or their family member) may still cancel it themselves. */
  canCancel: boolean;
}

export interface OccurrenceView {
  id: string;
  eventId: string;
  kind: EventKind;
  kindWords: string;
  title: string;
  placeName: string;
  date: string;
  start: string;
  end: string;
  /** ISO with +08:00. */
  startsAt: string;
  status: OccurrenceStatus;
  cancelReason: string | null;
  movedFrom: { date: string; start: string; end: string; reason: string } | null;
  capacity: number;
  confirmed: number;
  waiting: number;
  placesLeft: number;
  /** Whether registering now is possible (published, scheduled, inside the window). */
  window: WindowState;
  opensAt: string;
  closesAt: string;
  cancelDeadline: string;
  needsApproval: boolean;
  eventStatus: EventStatus;
  /** Signed in: my registrations and those of the elders I help (empty otherwise). */
  mine: MyPlace[];
}

export interface WeekView {
  monday: string;
  sunday: string;
  occurrences: OccurrenceView[];
}

export interface EventDetail {
  event: EventView;
  /** The cover picture's temporary link (an hour), or null without one. */
  coverUrl: string | null;
  /** From today on, at most 60, in date order (staff: including cancelled ones). */
  occurrences: OccurrenceView[];
}

export interface EventListItem {
  event: EventView;
  upcoming: number;
  nextDate: string | null;
}

export interface RegistrationView {
  id: string;
  occurrenceId: string;
  eventId: string;
  retireeId: string;
  retireeName: string;
  via: RegistrationVia;
  status: RegistrationStatus;
  statusWords: string;
  position: number | null;
  kind: EventKind;
  title: string;
  placeName: string;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  occurrenceStatus: OccurrenceStatus;
  cancelReason: string | null;
  /** Until when the person themself may still cancel. */
  cancelDeadline: string;
  canCancel: boolean;
  checkedInAt: string | null;
  createdAt: string;
}

export interface RegistrationResult extends RegistrationView {
  /** Words for the person: "报名成功" / "名额已满，您排在候补第3位" / "已提交，等工作人员审核". */
  message: string;
  /** False when this answered a retried request (or someone already registered) with the first result. */
  created: boolean;
}

export interface MyRegistrations {
  upcoming: RegistrationView[];
  past: RegistrationView[];
}

/** What staff see per person (phone masked). */
export interface RosterLine {
  registrationId: string;
  retireeId: string;
  retireeName: string;
  street: string;
  phoneMasked: string | null;
  via: RegistrationVia;
  operatorName: string | null;
  status: RegistrationStatus;
  position: number | null;
  checkedInAt: string | null;
  createdAt: string;
}

export interface RegistrationList {
  occurrence: OccurrenceView;
  counts: Record<RegistrationStatus, number>;
  /** Confirmed first, then waitlisted in line order, then pending, then the rest. */
  lines: RosterLine[];
}

/** Notification kinds the events function queues in the `notifications` outbox. */
export type EventNotificationKind = 'event_promoted' | 'event_cancelled' | 'event_changed' | 'event_reminder';

// ---- check-in ---------------------------------------------------------------------

/** A check-in code is good for its minute and the one after: the QR on the phone is renewed every minute. */
export const CHECKIN_WINDOW_SECONDS = 60;
/** The QR payload starts with this, so a scanned code of something else gets a plain answer. */
export const CHECKIN_QR_PREFIX = 'WXTF-CI1';

export interface CheckinCode {
  registrationId: string;
  retireeName: string;
  title: string;
  date: string;
  start: string;
  /** What the QR code holds: "WXTF-CI1.<registrationId>.<minute>.<signature>". */
  qr: string;
  /** Six digits for staff to type when there is no camera. */
  digits: string;
  /** ISO: the code stops working after this. */
  expiresAt: string;
  /** Ask again after this many seconds (the code is renewed before it stops working). */
  renewInSeconds: number;
}

export interface CheckinResult {
  registrationId: string;
  retireeName: string;
  checkedInAt: string | null;
  /** False: this person was already checked in (or already not). */
  changed: boolean;
  /** Words for staff: "王桂兰 签到成功" / "王桂兰 已经签到过了（08:02）". */
  message: string;
}

// ---- statistics -------------------------------------------------------------------

/** A regular: checked in at this many occurrences or more in the year. */
export const REGULAR_MIN_PERSON_TIMES = 12;

export interface EventStatsRow {
  /** Person-times: one person checked in at one occurrence. */
  personTimes: number;
  /** Different people among them. */
  participants: number;
  /** Occurrences held (not cancelled, started before now). */
  occurrences: number;
}

export interface EventAttendance {
  eventId: string;
  title: string;
  kind: EventKind;
  kindWords: string;
  occurrences: number;
  /** Confirmed registrations at occurrences held. */
  registered: number;
  checkedIn: number;
  /** checkedIn ÷ registered, 0–1; null when nobody registered. */
  rate: number | null;
}

export interface EventStats {
  year: number;
  total: EventStatsRow & { events: number; regulars: number };
  byKind: Array<EventStatsRow & { kind: EventKind; kindWords: string; events: number }>;
  /** Twelve rows, January first. */
  byMonth: Array<EventStatsRow & { month: number }>;
  byEvent: EventAttendance[];
  regularMin: number;
}

export interface AttendanceExport {
  exportId: string;
  rows: number;
  format: 'xlsx' | 'csv';
  fileName: string;
  fileId: string;
  /** A temporary download link (one hour). */
  url: string;
}

import { EVENT_KINDS, type EventKind, type EventView, eventSchemas } from '@contract/events';
import type { ScheduleException, Weekday } from '@contract/recurrence';
import { placeError } from '@/lib/formErrors';
import type { SaveEventInput } from './api/save-event';

/**
 * The event editor's form: what staff type (all text, as typed), how it becomes an
 * `event.save` input, and which field a problem belongs to — from the schema's own check
 * on the phone (by the issue's path) or from the server's words (by what they name).
 */
export interface EventForm {
  kind: EventKind | null;
  title: string;
  description: string;
  coverFileId: string | null;
  /** Shown beside the cover choice: the picked file's name, or 已有封面 when editing. */
  coverName: string;
  placeName: string;
  address: string;
  latitude: string;
  longitude: string;
  scheduleType: 'once' | 'weekly' | null;
  date: string;
  weekdays: Weekday[];
  start: string;
  end: string;
  from: string;
  to: string;
  /** Cancelled and moved dates of a weekly event: kept as they are when the event is edited. */
  exceptions: ScheduleException[];
  capacity: string;
  opensDaysBefore: number;
  closesMinutesBefore: number;
  cancelMinutesBefore: number;
  needsApproval: boolean;
  ageMin: string;
  ageMax: string;
}

export type FormField =
  | 'kind'
  | 'title'
  | 'description'
  | 'cover'
  | 'placeName'
  | 'address'
  | 'latitude'
  | 'scheduleType'
  | 'date'
  | 'weekdays'
  | 'start'
  | 'end'
  | 'from'
  | 'to'
  | 'schedule'
  | 'capacity'
  | 'opensDaysBefore'
  | 'closesMinutesBefore'
  | 'cancelMinutesBefore'
  | 'needsApproval'
  | 'ageMin'
  | 'ageMax'
  /** About the whole form (shown above the save button). */
  | 'form';

export type FormErrors = Partial<Record<FormField, string>>;

export const KIND_CHOICES = (Object.keys(EVENT_KINDS) as EventKind[]).map((value) => ({ value, label: EVENT_KINDS[value], key: value }));

export const WEEKDAY_CHOICES: Array<{ value: string; label: string; key: string }> = ['一', '二', '三', '四', '五', '六', '日'].map(
  (w, i) => ({ value: String(i + 1), label: `周${w}`, key: String(i + 1) }),
);

const HOUR = 60;
const DAY = 24 * HOUR;

/** Minutes before the start, in words: 0 → 活动开始时, 60 → 活动开始前1小时, 1440 → 活动开始前1天. */
export function minutesBeforeWords(minutes: number): string {
  if (minutes === 0) return '活动开始时';
  if (minutes % DAY === 0) return `活动开始前${minutes / DAY}天`;
  if (minutes % HOUR === 0) return `活动开始前${minutes / HOUR}小时`;
  if (minutes > HOUR) return `活动开始前${Math.floor(minutes / HOUR)}小时${minutes % HOUR}分钟`;
  return `活动开始前${minutes}分钟`;
}

/** Plain choices instead of raw minutes; an edited event's own value is offered too when it is none of these. */
export function minutesChoices(current: number, offered: number[]) {
  const values = offered.includes(current) ? offered : [...offered, current].sort((a, b) => a - b);
  return values.map((m) => ({ value: String(m), label: minutesBeforeWords(m), key: String(m) }));
}

export const CLOSES_OFFERED = [0, HOUR, 2 * HOUR, DAY];
export const CANCEL_OFFERED = [HOUR, 2 * HOUR, DAY];

export function daysBeforeWords(days: number): string {
  return days === 0 ? '活动当天' : `提前${days}天`;
}

export function daysChoices(current: number) {
  const offered = [1, 3, 7, 14, 30];
  const values = offered.includes(current) ? offered : [...offered, current].sort((a, b) => a - b);
  return values.map((d) => ({ value: String(d), label: daysBeforeWords(d), key: String(d) }));
}

export function emptyForm(): EventForm {
  return {
    kind: null,
    title: '',
    description: '',
    coverFileId: null,
    coverName: '',
    placeName: '',
    address: '',
    latitude: '',
    longitude: '',
    scheduleType: null,
    date: '',
    weekdays: [],
    start: '',
    end: '',
    from: '',
    to: '',
    exceptions: [],
    capacity: '',
    opensDaysBefore: 7,
    closesMinutesBefore: HOUR,
    cancelMinutesBefore: 2 * HOUR,
    needsApproval: false,
    ageMin: '',
    ageMax: '',
  };
}

const text = (n: number | null | undefined) => (n == null ? '' : String(n));

export function formOf(e: EventView): EventForm {
  const s = e.schedule;
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    coverFileId: e.coverFileId,
    coverName: e.coverFileId ? '已有封面图片' : '',
    placeName: e.place.name,
    address: e.place.address,
    latitude: text(e.place.latitude),
    longitude: text(e.place.longitude),
    scheduleType: s.type,
    date: s.type === 'once' ? s.date : '',
    weekdays: s.type === 'weekly' ? [...s.weekdays] : [],
    start: s.start,
    end: s.end,
    from: s.type === 'weekly' ? s.from : '',
    to: s.type === 'weekly' ? s.to : '',
    exceptions: s.type === 'weekly' ? s.exceptions : [],
    capacity: String(e.capacity),
    opensDaysBefore: e.opensDaysBefore,
    closesMinutesBefore: e.closesMinutesBefore,
    cancelMinutesBefore: e.cancelMinutesBefore,
    needsApproval: e.needsApproval,
    ageMin: text(e.ageMin),
    ageMax: text(e.ageMax),
  };
}

/** '' stays missing (the schema then asks for it); anything else is read as a number (NaN is refused by the schema). */
const numberOf = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

export function inputOf(f: EventForm, requestId: string, eventId?: string): SaveEventInput {
  const latitude = numberOf(f.latitude);
  const longitude = numberOf(f.longitude);
  const schedule =
    f.scheduleType === 'once'
      ? { type: 'once' as const, date: f.date.trim(), start: f.start.trim(), end: f.end.trim() }
      : f.scheduleType === 'weekly'
        ? {
            type: 'weekly' as const,
            weekdays: [...f.weekdays].sort((a, b) => a - b),
            start: f.start.trim(),
            end: f.end.trim(),
            from: f.from.trim(),
            to: f.to.trim(),
            exceptions: f.exceptions,
          }
        : undefined;
  const input = {
    ...(eventId ? { eventId } : {}),
    kind: f.kind ?? undefined,
    title: f.title,
    description: f.description,
    coverFileId: f.coverFileId,
    place: {
      name: f.placeName,
      address: f.address,
      ...(latitude !== undefined ? { latitude } : {}),
      ...(longitude !== undefined ? { longitude } : {}),
    },
    schedule,
    capacity: numberOf(f.capacity),
    opensDaysBefore: f.opensDaysBefore,
    closesMinutesBefore: f.closesMinutesBefore,
    cancelMinutesBefore: f.cancelMinutesBefore,
    needsApproval: f.needsApproval,
    ageMin: numberOf(f.ageMin) ?? null,
    ageMax: numberOf(f.ageMax) ?? null,
    requestId,
  };
  // Missing pieces are left for the schema to name ("请选择活动类别"), so the cast only hides `undefined`.
  return input as SaveEventInput;
}

/**
 * Which field a message is about, by the words the schemas and the server use. Order
 * matters: the schedule's exceptions first (their problems name a date and a time), then
 * 结束时间 before 开始时间 ("结束时间要晚于开始时间" is about the end), and 取消截止 before
 * 截止 (both deadlines say 截止).
 */
function wordsFor(scheduleType: EventForm['scheduleType']): Partial<Record<FormField, string[]>> {
  return {
    // An exception's problems name its date; they are about the schedule as a whole.
    schedule: ['调整', '本来没有活动', '改期后', '改到', '两次活动'],
    kind: ['活动类别'],
    title: ['活动名称'],
    description: ['活动介绍'],
    cover: ['封面'],
    placeName: ['活动地点', '地点名称'],
    address: ['详细地址', '地址最多'],
    latitude: ['纬度', '经度'],
    scheduleType: ['一次性活动还是每周'],
    weekdays: ['星期'],
    end: ['结束时间'],
    start: ['开始时间', '的时间应写成'],
    to: ['结束日期', ...(scheduleType === 'weekly' ? ['活动日期已经过了'] : [])],
    from: ['开始日期', '开始或结束日期', '系列最长'],
    date: ['活动日期'],
    cancelMinutesBefore: ['取消截止', '截止取消'],
    closesMinutesBefore: ['报名截止', '截止时间', '天截止'],
    opensDaysBefore: ['提前几天', '天数', '天报名'],
    capacity: ['名额'],
    needsApproval: ['审核'],
    ageMin: ['最低年龄', '年龄要填整数'],
    ageMax: ['最高年龄'],
  };
}

export function fieldOfMessage(message: string, scheduleType: EventForm['scheduleType']): FormField | null {
  for (const [field, words] of Object.entries(wordsFor(scheduleType)) as Array<[FormField, string[]]>) {
    if (words.some((w) => message.includes(w))) return field;
  }
  return null;
}

const SCHEDULE_KEYS: Record<string, FormField> = { date: 'date', weekdays: 'weekdays', start: 'start', end: 'end', from: 'from', to: 'to' };
const PLACE_KEYS: Record<string, FormField> = { name: 'placeName', address: 'address', latitude: 'latitude', longitude: 'latitude' };
const TOP_KEYS: Record<string, FormField> = {
  kind: 'kind',
  title: 'title',
  description: 'description',
  coverFileId: 'cover',
  capacity: 'capacity',
  opensDaysBefore: 'opensDaysBefore',
  closesMinutesBefore: 'closesMinutesBefore',
  cancelMinutesBefore: 'cancelMinutesBefore',
  needsApproval: 'needsApproval',
  ageMin: 'ageMin',
  ageMax: 'ageMax',
};

function fieldOfIssue(path: ReadonlyArray<PropertyKey>, message: string, scheduleType: EventForm['scheduleType']): FormField {
  const [top, sub] = path.map(String);
  if (top === 'schedule') {
    if (!scheduleType) return 'scheduleType';
    return SCHEDULE_KEYS[sub] ?? fieldOfMessage(message, scheduleType) ?? 'schedule';
  }
  if (top === 'place') return PLACE_KEYS[sub] ?? fieldOfMessage(message, scheduleType) ?? 'latitude';
  // requestId and anything unforeseen: about the form, not a field.
  return TOP_KEYS[top] ?? 'form';
}

/** The schema's own check, on the phone: one message per field (the first), before anything is sent. */
export function checkForm(input: SaveEventInput, scheduleType: EventForm['scheduleType']): FormErrors {
  const checked = eventSchemas['event.save'].safeParse(input);
  if (checked.success) return {};
  const errors: FormErrors = {};
  for (const issue of checked.error.issues) {
    const field = fieldOfIssue(issue.path, issue.message, scheduleType);
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A refusal from the server: under its field when the words name one, else above the save button. */
export function placeServerError(error: unknown, scheduleType: EventForm['scheduleType']): { field: FormField | null; message: string } {
  return placeError(error, wordsFor(scheduleType) as Record<FormField, string[]>);
}

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { z } from 'zod';
import { requestIdSchema } from './common';

dayjs.extend(utc);

/**
 * Pension eligibility certification: the rules of this deployment and what they make of a
 * person's record. Pure functions of calendar days ('YYYY-MM-DD', already in UTC+8 — see
 * contract/time.ts `shanghaiDay`), shared by the functions, the scheduler and the app.
 *
 * The cycle is a setting, never a constant in code: most places use a rolling rule (at
 * most N months between two certifications), some a fixed window in the year.
 */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期应写成 MM-DD');

export const rulesSchema = z.object({
  cycle: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rolling'), months: z.number().int().min(1).max(36) }),
    /** Certify once a year between `from` and `to` (inclusive, MM-DD, not crossing New Year). */
    z.object({ kind: z.literal('window'), from: monthDay, to: monthDay }),
  ]),
  /** "Due soon" this many days before the due date (the home screen starts asking). */
  dueSoonDays: z.number().int().min(1).max(180),
  /** Reminders this many days before the due date (and 0 = on the day). */
  reminderDaysBefore: z.array(z.number().int().min(0).max(180)).max(5),
  /** Data-comparison sources: one strong record certifies; `weakNeeded` different weak sources do. */
  evidence: z.object({
    strong: z.array(z.string().min(1)).min(1),
    weak: z.array(z.string().min(1)),
    weakNeeded: z.number().int().min(1).max(5),
    /** Evidence older than this does not count. */
    maxAgeDays: z.number().int().min(1).max(365),
    /** Death or cancellation records: never certify; they stop automatic certification until staff verify. */
    stop: z.array(z.string().min(1)).default(['民政死亡', '公安注销', '殡葬火化']),
  }),
});
export type CertificationRules = z.infer<typeof rulesSchema>;

/** The default deployment: rolling 12 months, as most places do. */
export const DEFAULT_RULES: CertificationRules = {
  cycle: { kind: 'rolling', months: 12 },
  dueSoonDays: 30,
  reminderDaysBefore: [30, 7, 1],
  evidence: {
    strong: ['医保结算', '住院记录', '公安户籍'],
    weak: ['公交出行', '社保卡消费', '民政服务'],
    weakNeeded: 2,
    maxAgeDays: 90,
    stop: ['民政死亡', '公安注销', '殡葬火化'],
  },
};

export const CERT_STATES = ['certified', 'due_soon', 'overdue', 'suspended', 'restored', 'never'] as const;
export type CertificationState = (typeof CERT_STATES)[number];
/** Each state in a few words, as staff lists and the daily run's report name it. */
export const CERT_STATE_WORDS: Record<CertificationState, string> = {
  certified: '已认证',
  due_soon: '即将到期',
  overdue: '已过期',
  suspended: '暂停发放',
  restored: '恢复发放',
  never: '从未认证',
};

const day = (s: string) => dayjs.utc(s);
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function assertDay(s: string, what: string) {
  if (!ISO_DAY.test(s) || !day(s).isValid() || fmt(day(s)) !== s) throw new RangeError(`${what} must be a real YYYY-MM-DD day, got ${s}`);
}

/** The oldest day whose evidence still counts on `today` (maxAgeDays before it); compare days as strings. */
export function oldestFreshDay(today: string, maxAgeDays: number): string {
  return fmt(day(today).subtract(maxAgeDays, 'day'));
}

/** Whole days from `a` to `b` (negative if `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return day(b).diff(day(a), 'day');
}

/**
 * `months` after `from`, on the same day of the month, or the month's last day when it has
 * no such day: 2024-02-29 + 12 months = 2025-02-28; 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(from: string, months: number): string {
  assertDay(from, 'from');
  return fmt(day(from).add(months, 'month'));
}

/** The window of year `y`, as days. */
function windowOf(y: number, from: string, to: string): { start: string; end: string } {
  const clamp = (md: string) => {
    const [m, d] = md.split('-').map(Number);
    const last = day(`${y}-${String(m).padStart(2, '0')}-01`).daysInMonth();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  return { start: clamp(from), end: clamp(to) };
}

/**
 * The last day a person may certify without being overdue, given their last certification.
 * Rolling: last + N months (never certified: due today). Window: the end of this year's
 * window if they have not certified inside it, else the end of next year's.
 */
export function dueDate(lastCertified: string | null, rules: CertificationRules, today: string): string {
  assertDay(today, 'today');
  if (lastCertified) assertDay(lastCertified, 'lastCertified');
  const { cycle } = rules;
  if (cycle.kind === 'rolling') return lastCertified ? addMonths(lastCertified, cycle.months) : today;
  const year = day(today).year();
  const thisYear = windowOf(year, cycle.from, cycle.to);
  const doneThisYear = lastCertified !== null && lastCertified >= thisYear.start && lastCertified <= thisYear.end;
  // Certified in this year's window, or this year's has passed and they had certified in the last one: next year's end.
  if (doneThisYear) return windowOf(year + 1, cycle.from, cycle.to).end;
  return thisYear.end;
}

export interface CertificationRecord {
  lastCertifiedAt: string | null;
  /** Payment suspended for being overdue (the day), if it is. */
  suspendedAt?: string | null;
  /** Payment restored after a later certification (the day), if it was. */
  restoredAt?: string | null;
}

/**
 * Where a person stands today. Suspended wins until they certify again; once they have,
 * and payment is restored, they show as restored until the next cycle's "due soon".
 */
export function certificationState(rec: CertificationRecord, rules: CertificationRules, today: string): CertificationState {
  const due = dueDate(rec.lastCertifiedAt, rules, today);
  const left = daysBetween(today, due);
  const certifiedSinceSuspension = !!rec.suspendedAt && !!rec.lastCertifiedAt && rec.lastCertifiedAt >= rec.suspendedAt;
  if (rec.suspendedAt && !certifiedSinceSuspension) return 'suspended';
  if (!rec.lastCertifiedAt) return 'never';
  if (left < 0) return 'overdue';
  if (left <= rules.dueSoonDays) return 'due_soon';
  if (rec.restoredAt && certifiedSinceSuspension) return 'restored';
  return 'certified';
}

/** Which reminders are due today: the offsets that fall on today (so a daily run sends each once). */
export function remindersToday(lastCertified: string | null, rules: CertificationRules, today: string): number[] {
  if (!lastCertified) return [];
  const left = daysBetween(today, dueDate(lastCertified, rules, today));
  return rules.reminderDaysBefore.filter((d) => d === left);
}

export interface Evidence {
  source: string;
  /** The day the record shows the person alive and present. */
  date: string;
}

/**
 * Does this evidence certify on `today`? One strong source does; otherwise `weakNeeded`
 * different weak sources. Too old, future-dated or unknown sources count for nothing.
 * Returns the day certified (the latest counting record) and the sources used, or null.
 */
export function evidenceCertifies(
  evidence: Evidence[],
  rules: CertificationRules,
  today: string,
): { date: string; sources: string[] } | null {
  const { strong, weak, weakNeeded, maxAgeDays } = rules.evidence;
  const oldest = oldestFreshDay(today, maxAgeDays);
  const fresh = evidence.filter((e) => ISO_DAY.test(e.date) && e.date <= today && e.date >= oldest);
  const strongOnes = fresh.filter((e) => strong.includes(e.source)).sort((a, b) => b.date.localeCompare(a.date));
  if (strongOnes.length) return { date: strongOnes[0].date, sources: [strongOnes[0].source] };
  const latestBySource = new Map<string, string>();
  for (const e of fresh) if (weak.includes(e.source) && (latestBySource.get(e.source) ?? '') < e.date) latestBySource.set(e.source, e.date);
  if (latestBySource.size < weakNeeded) return null;
  const used = [...latestBySource.entries()].sort((a, b) => b[1].localeCompare(a[1])).slice(0, weakNeeded);
  // The latest day on which enough different sources had shown the person: the oldest of those used.
  return { date: used[used.length - 1][1], sources: used.map(([s]) => s) };
}

const chineseDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const chineseFullDay = (d: string) => `${Number(d.slice(0, 4))}年${chineseDay(d)}`;

export type CertificationMethod = 'data' | 'face' | 'family_face' | 'onsite' | 'home_visit';
const METHOD_WORDS: Record<CertificationMethod, string> = {
  data: '大数据比对',
  face: '刷脸',
  family_face: '家人帮助刷脸',
  onsite: '现场',
  home_visit: '上门',
};

/** The one sentence the home screen shows, in plain words. */
export function statusWords(
  rec: CertificationRecord & { method?: CertificationMethod | null },
  rules: CertificationRules,
  today: string,
): { state: CertificationState; headline: string; due: string | null } {
  const state = certificationState(rec, rules, today);
  const due = rec.lastCertifiedAt ? dueDate(rec.lastCertifiedAt, rules, today) : null;
  const how = rec.method ? METHOD_WORDS[rec.method] : null;
  switch (state) {
    case 'never':
      return { state, headline: '还没有认证记录，请尽快完成认证', due };
    case 'suspended':
      return { state, headline: '因为没有按时认证，养老金暂停发放了。完成认证后会恢复发放，并补发暂停的月份', due };
    case 'overdue':
      return { state, headline: `认证已过期（应在${chineseFullDay(due as string)}前完成），请尽快认证，以免影响养老金发放`, due };
    case 'due_soon':
      return { state, headline: `请在${chineseDay(due as string)}前完成认证`, due };
    case 'restored':
      return { state, headline: '已认证，养老金已恢复发放，暂停的月份会补发', due };
    default:
      return {
        state,
        headline:
          rec.method === 'data'
            ? '已通过大数据比对认证，无需操作'
            : `已${how ? `通过${how}` : ''}认证，下次请在${chineseFullDay(due as string)}前认证`,
        due,
      };
  }
}

/** The face-data consent text's version; a new text asks again. */
export const FACE_CONSENT_VERSION = '2026-11';
/** Face verification attempts per retiree per day (UTC+8), whoever operates. */
export const FACE_ATTEMPTS_PER_DAY = 5;
/** How far back staff may date an on-site or home-visit certification (a visit written up later). */
export const STAFF_BACKDATE_DAYS = 30;

const requestId = requestIdSchema;
const retireeId = z.string({ error: '请选择要认证的人' }).min(1, '请选择要认证的人').max(64, '请选择要认证的人');

export const FACE_FAILURES = [
  'face_mismatch',
  'liveness_failed',
  'timeout',
  'cancelled',
  'service_down',
  'not_finished',
  'id_mismatch',
  'other',
] as const;
export type FaceFailureReason = (typeof FACE_FAILURES)[number];

export const certificationSchemas = {
  /** My certification status, and that of each elder I help. */
  'status.mine': z.object({}).strict(),
  /** Consent to face data being sent to the verification service (separate from the privacy guide). */
  'face.consent': z.object({ version: z.literal(FACE_CONSENT_VERSION, { error: '说明已更新，请重新阅读' }) }).strict(),
  /**
   * Start a face verification for myself or an elder I help. weapp: WeChat 人脸核身 (a verifyId
   * for wx.requestFacialVerify); h5: 慧眼 (a page to go to, coming back to `returnUrl`).
   */
  'face.start': z
    .object({
      retireeId,
      channel: z.enum(['weapp', 'h5'], { error: '请在微信小程序或网页里办理' }),
      returnUrl: z.string().url('返回地址不对').max(500).optional(),
      requestId,
    })
    .strict(),
  /** After the provider's step: ask the provider for the result and certify if it passed. */
  'face.finish': z
    .object({
      attemptId: z.string().min(1, '请重新开始认证').max(64),
      /** What the phone said (wx.requestFacialVerify): only to explain a cancel; the result always comes from the provider. */
      client: z.enum(['done', 'cancelled', 'failed']).optional(),
    })
    .strict(),
  /** My attempts today and whether I may try again (the certify page shows it). */
  'face.today': z.object({ retireeId }).strict(),
  /** Staff: find a retiree by name, the last 4+ digits of the ID number or of the phone number. */
  'staff.find': z
    .object({
      q: z
        .string({ error: '请输入姓名、身份证号后几位或手机号后几位' })
        .trim()
        .min(1, '请输入姓名、身份证号后几位或手机号后几位')
        .max(20, '输入的内容太长了'),
    })
    .strict(),
  /** Staff: record an on-site or home-visit certification. */
  'staff.record': z
    .object({
      retireeId,
      method: z.enum(['onsite', 'home_visit'], { error: '请选择现场认证或上门认证' }),
      place: z.string({ error: '请填写认证地点' }).trim().min(2, '请填写认证地点').max(60, '地点写得太长了'),
      note: z.string().trim().max(200, '备注最多200字').optional(),
      /** The day it happened (UTC+8); today if not given. */
      day: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 2026-11-23 这样')
        .optional(),
      requestId,
    })
    .strict(),
  /** A person's certification history (self, a linked family member, or staff in scope). */
  'history.get': z.object({ retireeId }).strict(),
  /** Staff: the home-visit list — due soon, overdue or suspended, with no bound phone. */
  'homeVisit.list': z
    .object({
      street: z.string().max(20).optional(),
      assignee: z.enum(['all', 'unassigned', 'mine']).default('all'),
      page: z.number().int().min(0).max(10_000).default(0),
    })
    .strict(),
  /** Staff: assign people on the home-visit list to a community worker (a staff member), or clear. */
  'homeVisit.assign': z
    .object({
      retireeIds: z.array(retireeId).min(1, '请至少选择一位').max(100, '一次最多分派100位'),
      assigneeUserId: z.string().max(64).nullable(),
    })
    .strict(),
} as const;

export type CertificationInput<A extends keyof typeof certificationSchemas> = z.input<(typeof certificationSchemas)[A]>;

export type FaceStarted = { attemptId: string; channel: 'weapp'; verifyId: string } | { attemptId: string; channel: 'h5'; url: string };

export interface FaceFinished {
  attemptId: string;
  passed: boolean;
  /** Plain words for the person: what happened and what to do next. */
  message: string;
  reason: FaceFailureReason | null;
  /** Attempts left today for this retiree. */
  attemptsLeft: number;
  status: CertificationStatus | null;
}

export interface FaceToday {
  attemptsUsed: number;
  attemptsLeft: number;
  consented: boolean;
}

/** One line of a person's certification history. */
export interface CertificationEntry {
  id: string;
  day: string;
  method: CertificationMethod;
  methodWords: string;
  source: string;
  /** "本人", "家人（张小明）帮助", "工作人员 李敏", "医保结算" … */
  byWords: string;
  place: string | null;
}

export interface FoundRetiree {
  id: string;
  name: string;
  idMasked: string;
  phoneMasked: string | null;
  street: string;
  community: string;
  bound: boolean;
  status: CertificationStatus;
}

export interface HomeVisitItem extends FoundRetiree {
  assigneeUserId: string | null;
  assigneeName: string | null;
}

export function methodWords(m: CertificationMethod): string {
  return METHOD_WORDS[m];
}

/** One person's status as the home screen shows it. */
export interface CertificationStatus {
  retireeId: string;
  name: string;
  state: CertificationState;
  headline: string;
  /** The last day to certify without being overdue ('YYYY-MM-DD'), if known. */
  due: string | null;
  lastCertifiedAt: string | null;
  /** Abroad or a non-mainland ID: WeChat face verification is not for them; other channels are. */
  otherChannels: boolean;
}

export interface MyCertification {
  self: CertificationStatus | null;
  elders: CertificationStatus[];
}

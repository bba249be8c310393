import { z } from 'zod';
import { REVEAL_PURPOSES, STREETS } from './accounts';
import { addMonths, type CertificationMethod, type CertificationRules } from './certification';
import { requestIdSchema } from './common';

/**
 * Certification statistics, exports, subscribe-message grants and the daily scheduler:
 * inputs (zod, Chinese messages) and what the functions answer.
 */
const requestId = requestIdSchema;

export const EXPORT_LISTS = {
  certified: '本周期已认证名单',
  suspended: '暂停发放名单',
  restored: '恢复发放名单',
} as const;
export type ExportList = keyof typeof EXPORT_LISTS;

export const certificationReportSchemas = {
  /** Staff: the statistics of their streets (admin: the district), optionally one street. */
  'stats.get': z.object({ street: z.enum(STREETS, { error: '街道不对' }).optional() }).strict(),
  /** Staff: a list as a file in cloud storage; whole numbers only for an admin with a purpose. */
  'export.create': z
    .object({
      list: z.enum(Object.keys(EXPORT_LISTS) as [ExportList], { error: '请选择要导出的名单' }),
      format: z.enum(['xlsx', 'csv'], { error: '请选择文件格式' }),
      whole: z.boolean({ error: '请选择是否导出完整号码' }),
      purpose: z.enum(Object.keys(REVEAL_PURPOSES) as [keyof typeof REVEAL_PURPOSES], { error: '请选择导出原因' }).optional(),
      street: z.enum(STREETS, { error: '街道不对' }).optional(),
      requestId,
    })
    .strict()
    .refine((v) => !v.whole || v.purpose !== undefined, { message: '导出完整号码，请选择导出原因', path: ['purpose'] }),
  /** Anyone signed in: the one-time subscribe-message templates they just accepted in WeChat. */
  'subscribe.record': z
    .object({
      templateIds: z
        .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '消息模板不对'), { error: '消息模板不对' })
        .min(1, '请至少选一个消息')
        .max(3, '一次最多订阅3个消息'),
      requestId,
    })
    .strict(),
  /** Anyone: the one-time templates the app may ask for (WeChat needs their ids on the phone). */
  'subscribe.templates': z.object({}).strict(),
} as const;

/** Template ids by purpose; null when this deployment has none configured (the app then does not ask). */
export interface SubscribeTemplates {
  certReminder: string | null;
  certResult: string | null;
  eventReminder: string | null;
}

export const schedulerSchemas = {
  /** Admin: run today's daily job now (the same as the timer; safe to repeat). */
  'daily.run': z.object({}).strict(),
  /** Admin: the latest runs (counts, steps done). */
  'daily.last': z.object({}).strict(),
} as const;

export type CertificationReportInput<A extends keyof typeof certificationReportSchemas> = z.input<(typeof certificationReportSchemas)[A]>;
export type SchedulerInput<A extends keyof typeof schedulerSchemas> = z.input<(typeof schedulerSchemas)[A]>;

/** The method buckets of the statistics; 'imported' = a date from the roster file, method unknown. */
export const STAT_METHODS = ['data', 'face', 'family_face', 'onsite', 'home_visit', 'imported'] as const;
export type StatMethod = (typeof STAT_METHODS)[number];
export const STAT_METHOD_WORDS: Record<StatMethod, string> = {
  data: '大数据比对',
  face: '本人刷脸',
  family_face: '家人帮助刷脸',
  onsite: '现场认证',
  home_visit: '上门认证',
  imported: '名册导入',
};

export interface StatsRow {
  /** On the roster and due once this cycle (everyone but those whose death was confirmed). */
  due: number;
  /** Certified within this cycle, and by which method (the latest certification's). */
  certified: number;
  byMethod: Record<StatMethod, number>;
  /** certified by data comparison / due, in percent with two decimals (e.g. 63.18). */
  dataSharePercent: number;
  /** From the states the scheduler stored on its last run. */
  dueSoon: number;
  overdue: number;
  suspended: number;
  restored: number;
  never: number;
}

export interface CertificationStats {
  today: string;
  /** This cycle: the days it covers (inclusive). */
  cycle: { from: string; to: string; words: string };
  /** The day of the scheduler run the states come from; null if it never ran. */
  statesAsOf: string | null;
  totals: StatsRow;
  byStreet: Array<StatsRow & { street: string }>;
}

export interface ExportResult {
  exportId: string;
  list: ExportList;
  format: 'xlsx' | 'csv';
  whole: boolean;
  rows: number;
  fileName: string;
  fileId: string;
  /** A temporary download link (one hour). */
  url: string;
}

export type SchedulerStep = 'states' | 'events' | 'send' | 'files' | 'counts';

export interface SchedulerRun {
  day: string;
  status: 'running' | 'done';
  trigger: 'timer' | 'admin';
  startedAt: string;
  finishedAt: string | null;
  stepsDone: SchedulerStep[];
  counts: {
    scanned: number;
    stateChanged: number;
    suspended: number;
    restored: number;
    remindersQueued: number;
    /** Queued and not yet sent: a run at night leaves them for the outbox timer, which sends from 08:00. */
    pending: number;
    sent: number;
    noSubscription: number;
    notWechat: number;
    failed: number;
    /** Weekly events whose occurrences were made further ahead. */
    eventsExtended: number;
    /** Day-before reminders queued for tomorrow's occurrences (sent from 10:00 by the outbox timer). */
    eventReminders: number;
    /** Import and comparison jobs whose uploaded files (whole ID numbers) were deleted by this run, and jobs it ended as abandoned. */
    jobsTidied: number;
    jobsAbandoned: number;
  };
  /** Retirees per state after the run. */
  states: Partial<Record<string, number>>;
}

/**
 * This cycle, as the statistics count it. Rolling N months: everyone falls due once in any
 * N months, so the cycle is the N months ending today (certified on or after its first day =
 * not overdue). Window: this year's window once it has opened, else last year's.
 */
export function currentCycle(rules: CertificationRules, today: string): { from: string; to: string; words: string } {
  const { cycle } = rules;
  if (cycle.kind === 'rolling') {
    const from = addMonths(today, -cycle.months);
    return { from, to: today, words: `近${cycle.months}个月（${from} 至 ${today}）` };
  }
  const year = Number(today.slice(0, 4));
  const start = `${year}-${cycle.from}`;
  const y = today >= start ? year : year - 1;
  const last = (md: string) => {
    const [m, d] = md.split('-').map(Number);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`;
  };
  const from = last(cycle.from);
  const to = last(cycle.to);
  return { from, to, words: `${y}年认证期（${from} 至 ${to}）` };
}

export const methodOf = (m: CertificationMethod | null | undefined): StatMethod => m ?? 'imported';

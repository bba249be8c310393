import crypto from 'node:crypto';
import {
  type CertificationRules,
  type CertificationState,
  certificationState,
  dueDate,
  remindersToday,
} from '../../contract/certification';
import type { SchedulerRun, SchedulerStep } from '../../contract/certificationReports';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { certificationRules } from '../_lib/certificationRules';
import { db } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/errors';
import { sweepJobs } from '../_lib/jobFiles';
import type { RetireeDoc } from '../_lib/retirees';
import { retirees } from '../_lib/retirees';
import { now } from '../_lib/time';
import { type MatchJobDoc, tidyMatch } from '../comparison/job';
import { isDaytime, queueDayBeforeReminders } from '../events/outbox';
import { extendOccurrenceHorizon } from '../events/store';
import { type JobDoc as ImportJobDoc, tidyImport } from '../roster/job';
import { queueReminders, type ReminderTarget, sendPendingReminders } from './reminders';

/**
 * The daily run (timer 02:00 UTC+8, or an admin's "run now"): one document per day in
 * `scheduler_runs` records the steps done, so a second run the same day does nothing and a
 * run that died part-way carries on from its last saved page.
 *
 *   states  every retiree, pages of ≤ 1000 by `_id`: the state stored when it changed, overdue
 *           → payment suspended, certified since suspension → restored, reminders queued
 *   events  weekly events' occurrences made up to the horizon; tomorrow's day-before reminders
 *           queued (the `outbox` timer sends them from 10:00)
 *   send    queued reminders of the day sent by subscribe message (one grant each), but only
 *           in the daytime (an admin's "run now"): at 02:00 they wait for the `outbox` timer,
 *           which sends them from 08:00, so nobody's phone buzzes at night
 *   files   import and comparison jobs: the uploaded files of ended jobs deleted where that has
 *           not happened yet, and jobs untouched for 7 days ended (_lib/jobFiles.ts)
 *   counts  the day's figures, counted from the data itself (exact after a crash); the
 *           reminders' figures are counted again whenever the runs are read, as they go out
 */
const PAGE = 1000;
const runs = () => db().collection(COLLECTIONS.schedulerRuns);

/** How long a run's claim lasts without renewal (renewed every page). Real time: a fixed APP_NOW must not freeze it. */
const leaseMs = () => {
  const v = Number(process.env.SCHEDULER_LEASE_MS);
  return Number.isFinite(v) && v > 0 ? v : 60_000;
};

interface RunDoc {
  _id: string;
  day: string;
  status: 'running' | 'done';
  trigger: 'timer' | 'admin';
  startedAt: Date;
  finishedAt: Date | null;
  stepsDone: SchedulerStep[];
  cursor: string | null;
  counts: SchedulerRun['counts'];
  states: Record<string, number>;
  leaseUntil: Date;
  leaseOwner: string | null;
}

const emptyCounts = (): SchedulerRun['counts'] => ({
  scanned: 0,
  stateChanged: 0,
  suspended: 0,
  restored: 0,
  remindersQueued: 0,
  pending: 0,
  sent: 0,
  noSubscription: 0,
  notWechat: 0,
  failed: 0,
  eventsExtended: 0,
  eventReminders: 0,
  jobsTidied: 0,
  jobsAbandoned: 0,
});

export function toSchedulerRun(d: RunDoc): SchedulerRun {
  return {
    day: d.day,
    status: d.status,
    trigger: d.trigger,
    startedAt: new Date(d.startedAt).toISOString(),
    finishedAt: d.finishedAt ? new Date(d.finishedAt).toISOString() : null,
    stepsDone: d.stepsDone,
    counts: d.counts,
    states: d.states ?? {},
  };
}

async function getRun(day: string): Promise<RunDoc> {
  const { data } = await runs().doc(day).get();
  return data[0] as RunDoc;
}

/** The latest runs, newest first, with their reminders' figures as they stand now. */
export async function latestRuns(limit = 7): Promise<SchedulerRun[]> {
  const { data } = await runs().orderBy('_id', 'desc').limit(limit).get();
  const list = (data as RunDoc[]).map(toSchedulerRun);
  const live = await reminderCounts(list.map((r) => r.day));
  return list.map((r) => (r.stepsDone.includes('counts') ? { ...r, counts: { ...r.counts, ...live.get(r.day) } } : r));
}

type ReminderCounts = Pick<SchedulerRun['counts'], 'remindersQueued' | 'pending' | 'sent' | 'noSubscription' | 'notWechat' | 'failed'>;

/** Each day's certification reminders by status, in one query. */
async function reminderCounts(days: string[]): Promise<Map<string, ReminderCounts>> {
  const out = new Map<string, ReminderCounts>(
    days.map((d) => [d, { remindersQueued: 0, pending: 0, sent: 0, noSubscription: 0, notWechat: 0, failed: 0 }]),
  );
  if (!days.length) return out;
  const _ = db().command;
  const { data } = (await db()
    .collection(COLLECTIONS.notifications)
    .aggregate()
    .match({ kind: 'cert_reminder', runDay: _.in(days) })
    .group({ _id: { day: '$runDay', status: '$status' }, n: _.aggregate.sum(1) })
    .limit(100)
    .end()) as { data: Array<{ _id: { day: string; status: string }; n: number }> };
  const field: Record<string, keyof ReminderCounts> = {
    pending: 'pending',
    sending: 'pending',
    sent: 'sent',
    no_subscription: 'noSubscription',
    not_wechat: 'notWechat',
    failed: 'failed',
  };
  for (const { _id, n } of data) {
    const c = out.get(_id.day);
    if (!c) continue;
    c.remindersQueued += n;
    const f = field[_id.status];
    if (f) c[f] += n;
  }
  return out;
}

/** Today's run: does what is left of it and answers with the run as it stands. */
export async function runDaily(trigger: 'timer' | 'admin'): Promise<SchedulerRun> {
  const today = shanghaiDay(now());
  try {
    await runs().add({
      _id: today,
      day: today,
      status: 'running',
      trigger,
      startedAt: now(),
      finishedAt: null,
      stepsDone: [],
      cursor: null,
      counts: emptyCounts(),
      states: {},
      leaseUntil: new Date(0),
      leaseOwner: null,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const run = await getRun(today);
  if (run.status === 'done') return toSchedulerRun(run);
  const owner = await claim(today);
  // Someone else is on it (the timer and an admin at once): answer with where it stands.
  if (!owner) return toSchedulerRun(run);
  try {
    const rules = certificationRules();
    if (!run.stepsDone.includes('states')) await statesStep(run, owner, today, rules);
    await stepDone(today, owner, 'events', () => eventsStep(today));
    await stepDone(today, owner, 'send', async () => {
      if (isDaytime(now())) await sendPendingReminders(today);
      return {};
    });
    await stepDone(today, owner, 'files', () => filesStep(today));
    await stepDone(today, owner, 'counts', () => finalCounts(today));
    await runs().where({ _id: today, leaseOwner: owner }).update({ status: 'done', finishedAt: now() });
  } finally {
    await runs()
      .where({ _id: today, leaseOwner: owner })
      .update({ leaseUntil: new Date(0), leaseOwner: null });
  }
  return toSchedulerRun(await getRun(today));
}

async function claim(day: string): Promise<string | null> {
  const _ = db().command;
  const owner = crypto.randomUUID();
  const res = (await runs()
    .where({ _id: day, leaseUntil: _.lt(new Date()) })
    .update({ leaseUntil: new Date(Date.now() + leaseMs()), leaseOwner: owner })) as { updated: number };
  return res.updated === 1 ? owner : null;
}

/** Both idempotent: a second run makes no occurrence and queues no reminder twice. */
async function eventsStep(today: string): Promise<Record<string, unknown>> {
  const { events } = await extendOccurrenceHorizon(today);
  const { reminders } = await queueDayBeforeReminders(today);
  const run = await getRun(today);
  return { counts: { ...emptyCounts(), ...run.counts, eventsExtended: events, eventReminders: reminders } };
}

/** Uploaded files out of storage once their job has ended; abandoned jobs ended. Idempotent. */
async function filesStep(today: string): Promise<Record<string, unknown>> {
  // Storage being down must not stop the day's run: what is left is swept tomorrow.
  const orTomorrow = (what: string, work: Promise<{ ended: number; tidied: number }>) =>
    work.catch((e) => {
      console.error(`[scheduler] files step (${what}) left for tomorrow:`, e instanceof Error ? e.message : e);
      return { ended: 0, tidied: 0 };
    });
  const imports = await orTomorrow(
    'imports',
    sweepJobs<ImportJobDoc>(COLLECTIONS.importJobs, '这个导入停下超过7天了，上传的文件已经删除。请重新上传文件导入', tidyImport),
  );
  const matches = await orTomorrow(
    'comparisons',
    sweepJobs<MatchJobDoc>(COLLECTIONS.matchJobs, '这次比对停下超过7天了，上传的文件已经删除。请重新上传文件比对', tidyMatch),
  );
  const run = await getRun(today);
  return {
    counts: {
      ...emptyCounts(),
      ...run.counts,
      jobsTidied: imports.tidied + matches.tidied,
      jobsAbandoned: imports.ended + matches.ended,
    },
  };
}

/** Runs a step unless it is done, then records it (with its counts) while still holding the claim. */
async function stepDone(day: string, owner: string, step: SchedulerStep, work: () => Promise<Record<string, unknown>>) {
  const run = await getRun(day);
  if (run.stepsDone.includes(step)) return;
  const patch = await work();
  const _ = db().command;
  const res = (await runs()
    .where({ _id: day, leaseOwner: owner })
    .update({ ...patch, stepsDone: _.push([step]), leaseUntil: new Date(Date.now() + leaseMs()) })) as { updated: number };
  if (res.updated !== 1) throw new Error(`scheduler run ${day}: lost the claim during ${step}`);
}

type Row = Pick<
  RetireeDoc,
  '_id' | 'name' | 'street' | 'lastCertifiedAt' | 'suspendedAt' | 'restoredAt' | 'certState' | 'boundUserId' | 'autoCertStop'
>;

/** What today makes of one retiree: the fields to change (if any) and the state. */
export function moveState(d: Row, rules: CertificationRules, today: string): { patch: Record<string, unknown>; state: CertificationState } {
  const rec = { lastCertifiedAt: d.lastCertifiedAt ?? null, suspendedAt: d.suspendedAt ?? null, restoredAt: d.restoredAt ?? null };
  const patch: Record<string, unknown> = {};
  let state = certificationState(rec, rules, today);
  if (state === 'overdue') {
    // Overdue: payment suspended from today (a new suspension forgets an earlier restoration).
    patch.suspendedAt = today;
    patch.restoredAt = null;
    state = certificationState({ ...rec, suspendedAt: today, restoredAt: null }, rules, today);
  } else if (rec.suspendedAt && rec.lastCertifiedAt && rec.lastCertifiedAt >= rec.suspendedAt && !rec.restoredAt) {
    // Certified since the suspension: payment restored (and the suspended months paid back).
    patch.restoredAt = today;
    state = certificationState({ ...rec, restoredAt: today }, rules, today);
  }
  if (state !== d.certState) {
    patch.certState = state;
    patch.certStateDay = today;
  }
  return { patch, state };
}

async function statesStep(run: RunDoc, owner: string, today: string, rules: CertificationRules) {
  const _ = db().command;
  let cursor = run.cursor;
  const counts = { ...emptyCounts(), ...run.counts };
  for (;;) {
    const { data } = await retirees()
      .where(cursor ? { _id: _.gt(cursor) } : {})
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({
        name: true,
        street: true,
        lastCertifiedAt: true,
        suspendedAt: true,
        restoredAt: true,
        certState: true,
        boundUserId: true,
        autoCertStop: true,
      })
      .get();
    const page = data as Row[];
    if (!page.length) break;
    // Same change, same facts read: one conditional update for the group. The condition on
    // lastCertifiedAt leaves alone anyone certified between our read and our write.
    const groups = new Map<string, { patch: Record<string, unknown>; last: string | null; suspended: string | null; ids: string[] }>();
    const reminders: ReminderTarget[] = [];
    for (const d of page) {
      const { patch, state } = moveState(d, rules, today);
      if (Object.keys(patch).length) {
        const last = d.lastCertifiedAt ?? null;
        const suspended = d.suspendedAt ?? null;
        const key = JSON.stringify([patch, last, suspended]);
        const g = groups.get(key) ?? { patch, last, suspended, ids: [] };
        g.ids.push(d._id);
        groups.set(key, g);
      }
      const stopped = d.autoCertStop && d.autoCertStop.status !== 'alive';
      if (!stopped && d.lastCertifiedAt && (state === 'certified' || state === 'due_soon' || state === 'restored')) {
        const due = dueDate(d.lastCertifiedAt, rules, today);
        for (const daysBefore of remindersToday(d.lastCertifiedAt, rules, today)) {
          reminders.push({ retireeId: d._id, name: d.name, street: d.street, boundUserId: d.boundUserId ?? null, due, daysBefore });
        }
      }
    }
    for (const g of groups.values()) {
      const res = (await retirees()
        .where({ _id: _.in(g.ids), lastCertifiedAt: g.last, suspendedAt: g.suspended })
        .update(g.patch)) as { updated: number };
      counts.stateChanged += res.updated;
    }
    await queueReminders(reminders, today);
    counts.scanned += page.length;
    cursor = page[page.length - 1]._id;
    const res = (await runs()
      .where({ _id: today, leaseOwner: owner })
      .update({ cursor, counts, leaseUntil: new Date(Date.now() + leaseMs()) })) as { updated: number };
    if (res.updated !== 1) throw new Error(`scheduler run ${today}: lost the claim`);
  }
  await runs()
    .where({ _id: today, leaseOwner: owner })
    .update({ stepsDone: _.push(['states']) });
}

/** The day's figures from the data (exact whatever crashed and was redone). */
async function finalCounts(today: string): Promise<Record<string, unknown>> {
  const count = async (col: string, where: Record<string, unknown>) => (await db().collection(col).where(where).count()).total as number;
  const run = await getRun(today);
  const [suspended, restored, reminders] = await Promise.all([
    count(COLLECTIONS.retirees, { suspendedAt: today }),
    count(COLLECTIONS.retirees, { restoredAt: today }),
    reminderCounts([today]),
  ]);
  const { data: list } = (await retirees()
    .aggregate()
    .group({ _id: '$certState', n: db().command.aggregate.sum(1) })
    .limit(20)
    .end()) as { data: Array<{ _id: string | null; n: number }> };
  const states = Object.fromEntries(list.map((g) => [g._id ?? 'unknown', g.n]));
  return {
    counts: { ...emptyCounts(), ...run.counts, suspended, restored, ...reminders.get(today) },
    states,
  };
}

import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { deliver } from '../_lib/deliver';
import { isDuplicateKey } from '../_lib/errors';
import { links } from '../_lib/links';
import { fitTemplateValue } from '../_lib/subscribeMessage';
import { now } from '../_lib/time';

/**
 * Certification reminders: an outbox document per person to tell (the retiree's own account
 * and each active family helper), keyed so that a second run, or a page redone after a crash,
 * queues nothing new; then each is sent by subscribe message if that person has an unused
 * one-time grant for the reminder template. Statuses: pending → sending → sent, or
 * no_subscription / not_wechat / failed, which staff can see.
 */
export interface ReminderTarget {
  retireeId: string;
  name: string;
  street: string;
  boundUserId: string | null;
  due: string;
  daysBefore: number;
}

export interface NotificationDoc {
  _id: string;
  key: string;
  kind: 'cert_reminder';
  runDay: string;
  retireeId: string;
  street: string;
  userId: string;
  to: 'self' | 'family';
  name: string;
  due: string;
  daysBefore: number;
  status: 'pending' | 'sending' | 'sent' | 'no_subscription' | 'not_wechat' | 'failed';
  subscriptionId: string | null;
  reason: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const notifications = () => db().collection(COLLECTIONS.notifications);
/** The page a reminder opens: the home screen, where the person's status and the way to certify are. */
const REMINDER_PAGE = 'pages/index/index';

/** The values of the reminder template (TEMPLATE_LAYOUTS.certReminder), within WeChat's limits. */
export function reminderMessageData(p: { name: string; due: string; daysBefore: number }) {
  const [y, m, d] = p.due.split('-').map(Number);
  return {
    thing1: '养老金领取资格认证',
    name2: fitTemplateValue('name', p.name),
    date3: `${y}年${m}月${d}日`,
    thing4: fitTemplateValue('thing', p.daysBefore === 0 ? '今天截止，点此在手机上认证' : `还有${p.daysBefore}天截止，点此在手机上认证`),
  };
}

export const reminderKey = (t: Pick<ReminderTarget, 'retireeId' | 'due' | 'daysBefore'>, userId: string) =>
  `remind:${t.retireeId}:${t.due}:${t.daysBefore}:${userId}`;

export async function queueReminders(targets: ReminderTarget[], today: string): Promise<number> {
  if (!targets.length) return 0;
  const _ = db().command;
  const helpers = new Map<string, string[]>();
  for (let i = 0; i < targets.length; i += 100) {
    const ids = [...new Set(targets.slice(i, i + 100).map((t) => t.retireeId))];
    const { data } = await links()
      .where({ retireeId: _.in(ids), status: 'active' })
      .limit(1000)
      .get();
    for (const l of data as Array<{ retireeId: string; helperUserId: string }>) {
      helpers.set(l.retireeId, [...(helpers.get(l.retireeId) ?? []), l.helperUserId]);
    }
  }
  let queued = 0;
  for (const t of targets) {
    const to: Array<{ userId: string; to: 'self' | 'family' }> = [];
    if (t.boundUserId) to.push({ userId: t.boundUserId, to: 'self' });
    for (const h of helpers.get(t.retireeId) ?? []) if (h !== t.boundUserId) to.push({ userId: h, to: 'family' });
    for (const r of to) {
      try {
        // One at a time: a batch stops (CloudBase) or fails whole (emulator) at the first duplicate.
        await notifications().add({
          key: reminderKey(t, r.userId),
          kind: 'cert_reminder',
          runDay: today,
          retireeId: t.retireeId,
          street: t.street,
          userId: r.userId,
          to: r.to,
          name: t.name,
          due: t.due,
          daysBefore: t.daysBefore,
          status: 'pending',
          subscriptionId: null,
          reason: null,
          createdAt: now(),
          sentAt: null,
        });
        queued++;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
  }
  return queued;
}

/**
 * Sends the day's queued reminders (the daily run in the daytime, else the `outbox` timer from
 * 08:00); one left "sending" by a crash is sent again with the grant it already took. Answers
 * how many it handled.
 */
export async function sendPendingReminders(today: string): Promise<number> {
  const _ = db().command;
  const templateId = process.env.WECHAT_TEMPLATE_CERT_REMINDER;
  let handled = 0;
  for (;;) {
    const { data } = await notifications()
      .where({ runDay: today, kind: 'cert_reminder', status: _.in(['pending', 'sending']) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    if (!data.length) break;
    for (const n of data as NotificationDoc[]) await sendOne(n, templateId);
    handled += data.length;
  }
  return handled;
}

async function sendOne(n: NotificationDoc, templateId: string | undefined) {
  await deliver(n, { templateId, page: REMINDER_PAGE, data: reminderMessageData({ name: n.name, due: n.due, daysBefore: n.daysBefore }) });
}

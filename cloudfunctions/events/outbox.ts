import { addDays, startsAtIso } from '../../contract/recurrence';
import { db } from '../_lib/cloud';
import { type DeliveryStatus, deliver, finishDelivery, notificationsCol } from '../_lib/deliver';
import { isDuplicateKey } from '../_lib/errors';
import { fitTemplateValue, subscribeTemplates } from '../_lib/subscribeMessage';
import { now } from '../_lib/time';
import { activeRegistrations, boundUsers, EVENT_NOTIFICATION_KINDS, type EventNotificationDoc, noticeDocs } from './notify';
import { type EventDoc, eventsById, type OccurrenceDoc, occurrencesCol } from './store';

/**
 * The events' side of the outbox: the day-before reminders (queued by the daily run for
 * tomorrow's occurrences, to be sent from 10:00) and the sender that delivers every pending
 * event message — promoted from the waitlist, an occurrence cancelled, moved or changed, the
 * reminder — by subscribe message (template `WECHAT_TEMPLATE_EVENT_REMINDER`). The scheduler's
 * `outbox` timer runs the sender every 10 minutes from 08:00 to 21:50, so nobody's phone buzzes
 * at night and a promotion reaches the person within minutes. A message about an occurrence
 * that has already started is not sent any more (status `failed`, reason `too_late`).
 */
const MESSAGES_PAGE = 'pages/events/mine';
/** Day-before reminders go out from this time (UTC+8) on the day before. */
export const REMINDER_SEND_FROM = '10:00';

type EventMessage = EventNotificationDoc & { _id: string; status: DeliveryStatus };

/** What the message's last line says, per kind (≤ 20 characters: the template's `thing`). */
export function eventMessageData(n: Pick<EventNotificationDoc, 'kind' | 'title' | 'date' | 'start' | 'placeName' | 'name' | 'note'>) {
  const [, m, d] = n.date.split('-').map(Number);
  const tip: Record<EventNotificationDoc['kind'], string> = {
    event_promoted: `${n.name}已从候补转为报名成功`,
    event_cancelled: `这次活动取消了${n.note ? `：${n.note}` : ''}`,
    event_changed: '活动安排有调整，点此查看',
    event_reminder: `${n.name}明天记得来参加`,
  };
  return {
    thing1: fitTemplateValue('thing', n.title),
    time2: `${n.date.slice(0, 4)}年${m}月${d}日 ${n.start}`,
    thing3: fitTemplateValue('thing', n.placeName),
    thing4: fitTemplateValue('thing', tip[n.kind]),
  };
}

/**
 * Queues a reminder to everyone with a place at tomorrow's occurrences (keyed by registration
 * and day: a second run queues nothing). Waitlisted and pending people are not reminded.
 */
export async function queueDayBeforeReminders(today: string): Promise<{ reminders: number }> {
  const tomorrow = addDays(today, 1);
  const { data } = await occurrencesCol().where({ date: tomorrow, status: 'scheduled' }).limit(1000).get();
  const occs = data as OccurrenceDoc[];
  const events = await eventsById(occs.map((o) => o.eventId));
  const sendAfter = new Date(startsAtIso(today, REMINDER_SEND_FROM));
  let queued = 0;
  for (const occ of occs) {
    const event = events.get(occ.eventId) as EventDoc | undefined;
    if (event?.status !== 'published') continue;
    const regs = (await activeRegistrations(occ._id)).filter((r) => r.status === 'confirmed');
    if (!regs.length) continue;
    const bound = await boundUsers(regs.map((r) => r.retireeId));
    for (const reg of regs) {
      for (const doc of noticeDocs({
        kind: 'event_reminder',
        keyPart: occ.date,
        reg,
        occ,
        placeName: event.place.name,
        boundUserId: bound.get(reg.retireeId) ?? null,
        sendAfter,
      })) {
        try {
          await notificationsCol().add(doc);
          queued++;
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
        }
      }
    }
  }
  return { reminders: queued };
}

/** Sends the event messages that are due; returns how each ended. Safe to run twice at once (each message ends once). */
export async function sendEventMessages(limit = 2000): Promise<Record<DeliveryStatus | 'tooLate', number>> {
  const _ = db().command;
  const templateId = subscribeTemplates().eventReminder;
  const counts: Record<DeliveryStatus | 'tooLate', number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    no_subscription: 0,
    not_wechat: 0,
    failed: 0,
    tooLate: 0,
  };
  let handled = 0;
  while (handled < limit) {
    const at = now();
    const { data } = await notificationsCol()
      .where({ kind: _.in([...EVENT_NOTIFICATION_KINDS]), status: _.in(['pending', 'sending']), sendAfter: _.lte(at) })
      .orderBy('sendAfter', 'asc')
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    if (!data.length) break;
    for (const n of data as EventMessage[]) {
      handled++;
      if (Date.parse(startsAtIso(n.date, n.start)) <= at.getTime()) {
        await finishDelivery(n._id, { status: 'failed', reason: 'too_late' });
        counts.tooLate++;
        continue;
      }
      counts[await deliver(n, { templateId, page: MESSAGES_PAGE, data: eventMessageData(n) })]++;
    }
  }
  return counts;
}

/** Is this instant inside the sender's daytime hours (08:00–21:59 UTC+8)? */
export function isDaytime(at: Date): boolean {
  const hour = Number(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 13));
  return hour >= 8 && hour < 22;
}

import type { EventNotificationKind } from '../../contract/events';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { isDuplicateKey } from '../_lib/errors';
import type { RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';
import type { EventDoc, OccurrenceDoc, RegistrationDoc } from './store';

/**
 * Event messages go to the `notifications` outbox, as certification reminders do: one
 * document per person to tell, with a unique `key`, status `pending`. Sending (subscribe
 * message, template `WECHAT_TEMPLATE_EVENT_REMINDER`) is `sendEventMessages` in outbox.ts, run by
 * the scheduler's `outbox` timer every 10 minutes in the daytime — everything the message says is
 * on the document, nothing needs joining.
 *
 * Who is told: the retiree's own account (if bound) and whoever registered them (a family
 * member), not the staff member who entered a walk-in.
 */
export const EVENT_NOTIFICATION_KINDS: readonly EventNotificationKind[] = [
  'event_promoted',
  'event_cancelled',
  'event_changed',
  'event_reminder',
];

export interface EventNotificationDoc {
  _id?: string;
  /** Unique: a retried action queues nothing twice. */
  key: string;
  kind: EventNotificationKind;
  runDay: string;
  userId: string;
  to: 'self' | 'family';
  retireeId: string;
  /** The retiree's name (the message says whose place it is). */
  name: string;
  street: string;
  eventId: string;
  occurrenceId: string;
  registrationId: string;
  title: string;
  date: string;
  start: string;
  end: string;
  placeName: string;
  /** What changed, in words (event_changed). */
  changes: string[];
  /** Why staff cancelled or moved it. */
  note: string | null;
  status: 'pending';
  subscriptionId: null;
  /** A failure reason, filled in by the sender. */
  reason: null;
  /** Not sent before this (a day-before reminder waits for the morning; the others go at once). */
  sendAfter: Date;
  createdAt: Date;
  sentAt: null;
}

export const notificationsCol = () => db().collection(COLLECTIONS.notifications);

/** The accounts to tell about a registration: the retiree's own, and the family member who registered them. */
export function recipients(reg: Pick<RegistrationDoc, 'operatorUserId' | 'via'>, boundUserId: string | null) {
  const to: Array<{ userId: string; to: 'self' | 'family' }> = [];
  if (boundUserId) to.push({ userId: boundUserId, to: 'self' });
  if (reg.via === 'family' && reg.operatorUserId !== boundUserId) to.push({ userId: reg.operatorUserId, to: 'family' });
  return to;
}

export function noticeDocs(p: {
  kind: EventNotificationKind;
  keyPart: string;
  reg: RegistrationDoc;
  occ: Pick<OccurrenceDoc, '_id' | 'eventId' | 'title' | 'date' | 'start' | 'end'>;
  placeName: string;
  boundUserId: string | null;
  changes?: string[];
  note?: string | null;
  sendAfter?: Date;
}): EventNotificationDoc[] {
  const at = now();
  return recipients(p.reg, p.boundUserId).map((r) => ({
    key: `${p.kind}:${p.keyPart}:${p.reg._id}:${r.userId}`,
    kind: p.kind,
    runDay: shanghaiDay(at),
    userId: r.userId,
    to: r.to,
    retireeId: p.reg.retireeId,
    name: p.reg.retireeName,
    street: p.reg.street,
    eventId: p.occ.eventId,
    occurrenceId: p.occ._id,
    registrationId: p.reg._id,
    title: p.occ.title,
    date: p.occ.date,
    start: p.occ.start,
    end: p.occ.end,
    placeName: p.placeName,
    changes: p.changes ?? [],
    note: p.note ?? null,
    status: 'pending',
    subscriptionId: null,
    reason: null,
    sendAfter: p.sendAfter ?? at,
    createdAt: at,
    sentAt: null,
  }));
}

/** The bound account of each retiree (null if none). */
export async function boundUsers(retireeIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(retireeIds)];
  const _ = db().command;
  for (let i = 0; i < unique.length; i += 500) {
    const { data } = await db()
      .collection(COLLECTIONS.retirees)
      .where({ _id: _.in(unique.slice(i, i + 500)) })
      .field({ _id: true, boundUserId: true })
      .limit(500)
      .get();
    for (const r of data as Array<Pick<RetireeDoc, '_id' | 'boundUserId'>>) out.set(r._id, r.boundUserId ?? null);
  }
  return out;
}

/** Everyone holding or waiting for a place at an occurrence (pending ones too: they asked to come). */
export async function activeRegistrations(occId: string): Promise<RegistrationDoc[]> {
  const _ = db().command;
  const out: RegistrationDoc[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db()
      .collection(COLLECTIONS.registrations)
      .where({ occurrenceId: occId, status: _.in(['confirmed', 'waitlisted', 'pending']) })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    out.push(...(data as RegistrationDoc[]));
    if (data.length < 1000) break;
  }
  return out;
}

/**
 * Queues one kind of message to everyone registered for an occurrence; idempotent by key
 * (`keyPart` names the change, e.g. the reason's version), so a retried action tells no one twice.
 */
export async function tellEveryoneRegistered(p: {
  kind: 'event_cancelled' | 'event_changed';
  keyPart: string;
  occ: OccurrenceDoc;
  event: Pick<EventDoc, 'place'>;
  changes?: string[];
  note?: string | null;
}): Promise<number> {
  const regs = await activeRegistrations(p.occ._id);
  if (!regs.length) return 0;
  const bound = await boundUsers(regs.map((r) => r.retireeId));
  let queued = 0;
  for (const reg of regs) {
    const docs = noticeDocs({
      kind: p.kind,
      keyPart: p.keyPart,
      reg,
      occ: p.occ,
      placeName: p.event.place.name,
      boundUserId: bound.get(reg.retireeId) ?? null,
      changes: p.changes,
      note: p.note,
    });
    for (const d of docs) {
      try {
        // One at a time: a batch stops (CloudBase) or fails whole (emulator) at the first duplicate.
        await notificationsCol().add(d);
        queued++;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
  }
  return queued;
}

import {
  ACTIVE_REGISTRATION,
  cancelDeadline,
  EVENT_KINDS,
  type EventKind,
  type EventRules,
  type EventStatus,
  type EventView,
  type MyPlace,
  type OccurrenceStatus,
  type OccurrenceView,
  type Place,
  type RegistrationStatus,
  type RegistrationVia,
  registrationWindow,
  windowState,
} from '../../contract/events';
import { expandSchedule, horizonEnd, type OccurrenceSlot, type Schedule, scheduleWords, startsAtIso } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { AppError } from '../_lib/errors';
import { now } from '../_lib/time';

/** Documents of the events function as stored. */
export interface EventDoc extends EventRules {
  _id: string;
  /** The create's "<userId>:<requestId>" (unique). */
  requestKey: string;
  /** The last save's key: a retried edit is recognised and not applied twice. */
  lastRequestKey: string;
  kind: EventKind;
  title: string;
  description: string;
  coverFileId: string | null;
  place: Place;
  schedule: Schedule;
  capacity: number;
  needsApproval: boolean;
  ageMin: number | null;
  ageMax: number | null;
  status: EventStatus;
  version: number;
  /** The last original date whose occurrence exists (published events); the scheduler moves it on. */
  materialisedUntil: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  endedAt: Date | null;
}

export interface OccurrenceDoc {
  /** "<eventId>:<original date>": re-materialising finds the same document. */
  _id: string;
  eventId: string;
  kind: EventKind;
  title: string;
  originalDate: string;
  date: string;
  start: string;
  end: string;
  startsAt: string;
  capacity: number;
  confirmed: number;
  waiting: number;
  /** The last waitlist ticket handed out (monotonic; never reused). */
  waitSeq: number;
  status: OccurrenceStatus;
  cancelReason: string | null;
  /** The event version whose change cancelled it (the key of the messages about it). */
  cancelledVersion?: number;
  movedFrom: { date: string; start: string; end: string; reason: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegistrationDoc {
  /** "<occurrenceId>:<retireeId>". */
  _id: string;
  requestKey: string;
  /** Keys of earlier requests that this document answered (it is re-used after a cancel). */
  pastRequestKeys: string[];
  eventId: string;
  occurrenceId: string;
  retireeId: string;
  retireeName: string;
  street: string;
  operatorUserId: string;
  operatorName: string | null;
  via: RegistrationVia;
  status: RegistrationStatus;
  /** The ticket while waitlisted (kept afterwards for the record); null if never waitlisted. */
  waitSeq: number | null;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  cancelledBy: string | null;
  reviewedBy: string | null;
  promotedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const eventsCol = () => db().collection(COLLECTIONS.events);
export const occurrencesCol = () => db().collection(COLLECTIONS.occurrences);
export const registrationsCol = () => db().collection(COLLECTIONS.registrations);

export const occurrenceId = (eventId: string, originalDate: string) => `${eventId}:${originalDate}`;
export const registrationId = (occId: string, retireeId: string) => `${occId}:${retireeId}`;
/** The event of an occurrence id ("<eventId>:<YYYY-MM-DD>"). */
export const eventIdOf = (occId: string) => occId.slice(0, Math.max(0, occId.lastIndexOf(':')));

export async function getEvent(id: string): Promise<EventDoc | null> {
  if (!id) return null;
  const { data } = await eventsCol().doc(id).get();
  return (data[0] as EventDoc | undefined) ?? null;
}

export async function getOccurrence(id: string): Promise<OccurrenceDoc | null> {
  const { data } = await occurrencesCol().doc(id).get();
  return (data[0] as OccurrenceDoc | undefined) ?? null;
}

export async function getRegistration(id: string): Promise<RegistrationDoc | null> {
  const { data } = await registrationsCol().doc(id).get();
  return (data[0] as RegistrationDoc | undefined) ?? null;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toEventView(e: EventDoc): EventView {
  return {
    id: e._id,
    kind: e.kind,
    kindWords: EVENT_KINDS[e.kind],
    title: e.title,
    description: e.description,
    coverFileId: e.coverFileId ?? null,
    place: e.place,
    schedule: e.schedule,
    scheduleWords: scheduleWords(e.schedule),
    capacity: e.capacity,
    opensDaysBefore: e.opensDaysBefore,
    closesMinutesBefore: e.closesMinutesBefore,
    cancelMinutesBefore: e.cancelMinutesBefore,
    needsApproval: e.needsApproval,
    ageMin: e.ageMin ?? null,
    ageMax: e.ageMax ?? null,
    status: e.status,
    version: e.version,
    createdAt: iso(e.createdAt) as string,
    updatedAt: iso(e.updatedAt) as string,
    publishedAt: iso(e.publishedAt),
  };
}

/**
 * Whether a retiree or family member may still cancel: a place held until the cancellation
 * deadline; a place in the queue or a request awaiting approval any time before the start.
 */
export function personMayCancel(status: RegistrationStatus, o: OccurrenceDoc, e: EventDoc, at: Date): boolean {
  if (!ACTIVE_REGISTRATION.includes(status) || o.status !== 'scheduled') return false;
  return at.getTime() < (status === 'confirmed' ? Date.parse(cancelDeadline(o, e)) : Date.parse(o.startsAt));
}

export function toOccurrenceView(o: OccurrenceDoc, e: EventDoc, at: Date, mine: Array<Omit<MyPlace, 'canCancel'>> = []): OccurrenceView {
  const { opensAt, closesAt } = registrationWindow(o, e);
  return {
    id: o._id,
    eventId: o.eventId,
    kind: o.kind,
    kindWords: EVENT_KINDS[o.kind],
    title: o.title,
    placeName: e.place.name,
    date: o.date,
    start: o.start,
    end: o.end,
    startsAt: o.startsAt,
    status: o.status,
    cancelReason: o.cancelReason ?? null,
    movedFrom: o.movedFrom ?? null,
    capacity: o.capacity,
    confirmed: o.confirmed,
    waiting: o.waiting,
    placesLeft: Math.max(0, o.capacity - o.confirmed),
    window: e.status === 'published' && o.status === 'scheduled' ? windowState(o, e, at) : 'closed',
    opensAt,
    closesAt,
    cancelDeadline: cancelDeadline(o, e),
    needsApproval: e.needsApproval,
    eventStatus: e.status,
    mine: mine.map((m) => ({ ...m, canCancel: personMayCancel(m.status, o, e, at) })),
  };
}

/** The event's events by id, for a list of occurrences. */
export async function eventsById(ids: string[]): Promise<Map<string, EventDoc>> {
  const out = new Map<string, EventDoc>();
  const unique = [...new Set(ids)];
  const _ = db().command;
  for (let i = 0; i < unique.length; i += 100) {
    const { data } = await eventsCol()
      .where({ _id: _.in(unique.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const e of data as EventDoc[]) out.set(e._id, e);
  }
  return out;
}

/**
 * A transaction on single documents by id, retried on conflict with a random back-off.
 * The SDK's own `runTransaction` retries three times at once; under a burst on one
 * occurrence (hundreds of people at 08:00) that runs out, so the SDK gets 0 retries and
 * this loop waits 2–64 ms (growing) between attempts, for at most `budgetMs`.
 */
export async function withTransaction<T>(work: (t: any) => Promise<T>, budgetMs = 8_000): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return (await db().runTransaction(work, 0)) as T;
    } catch (e) {
      const code = (e as { code?: string })?.code;
      if (code !== 'DATABASE_TRANSACTION_CONFLICT') throw e;
      if (Date.now() - started > budgetMs) throw new AppError('CONFLICT', '报名的人太多了，请稍后再试');
      const cap = Math.min(64, 2 ** Math.min(attempt + 1, 6));
      await new Promise((r) => setTimeout(r, 1 + Math.random() * cap));
    }
  }
}

/** The occurrence document a slot makes (counters at zero). */
export function occurrenceFromSlot(e: EventDoc, slot: OccurrenceSlot, at: Date): OccurrenceDoc {
  return {
    _id: occurrenceId(e._id, slot.originalDate),
    eventId: e._id,
    kind: e.kind,
    title: e.title,
    originalDate: slot.originalDate,
    date: slot.date,
    start: slot.start,
    end: slot.end,
    startsAt: startsAtIso(slot.date, slot.start),
    capacity: e.capacity,
    confirmed: 0,
    waiting: 0,
    waitSeq: 0,
    status: slot.cancelled ? 'cancelled' : 'scheduled',
    cancelReason: slot.cancelled?.reason ?? null,
    movedFrom: slot.movedFrom,
    createdAt: at,
    updatedAt: at,
  };
}

export interface OccurrenceChange {
  occurrence: OccurrenceDoc;
  /** What changed for people already registered, in words (empty: nothing they care about). */
  changes: string[];
  cancelled: boolean;
}

/**
 * Makes (or brings up to date) the occurrences of a published event whose original date
 * lies from today (UTC+8) to the horizon (or the series' end). Idempotent: the ids are
 * deterministic, an existing occurrence keeps its counters and only the fields the schedule
 * decides are updated. Past occurrences are never touched. Returns the occurrences whose
 * time, place, title or status changed, for telling the people registered.
 */
export async function materialise(
  e: EventDoc,
  opts: { placeChanged?: boolean; reason?: string; today?: string } = {},
): Promise<OccurrenceChange[]> {
  const at = now();
  const today = opts.today ?? shanghaiDay(at);
  const until = horizonEnd(today);
  const once = e.schedule.type === 'once';
  let slots = expandSchedule(e.schedule, { from: today, until });
  const changed: OccurrenceChange[] = [];
  const _ = db().command;
  const existing = new Map<string, OccurrenceDoc>();
  for (let skip = 0; ; skip += 1000) {
    const { data } = await occurrencesCol()
      // A one-off event has one occurrence for good (its id keeps the first date however often it moves).
      .where(once ? { eventId: e._id } : { eventId: e._id, originalDate: _.gte(today) })
      .orderBy('originalDate', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    for (const o of data as OccurrenceDoc[]) existing.set(o._id, o);
    if (data.length < 1000) break;
  }
  if (once && existing.size) {
    const first = [...existing.values()][0];
    slots = slots.map((slot) => ({
      ...slot,
      originalDate: first.originalDate,
      movedFrom:
        slot.date === first.date && slot.start === first.start && slot.end === first.end
          ? first.movedFrom
          : { date: first.date, start: first.start, end: first.end, reason: opts.reason ?? '活动时间调整' },
    }));
  }
  const wanted = new Set<string>();
  const fresh: OccurrenceDoc[] = [];
  for (const slot of slots) {
    const doc = occurrenceFromSlot(e, slot, at);
    wanted.add(doc._id);
    const old = existing.get(doc._id);
    if (!old) {
      fresh.push(doc);
      continue;
    }
    const patch: Partial<OccurrenceDoc> = {};
    const words: string[] = [];
    if (old.date !== doc.date || old.start !== doc.start || old.end !== doc.end) {
      Object.assign(patch, { date: doc.date, start: doc.start, end: doc.end, startsAt: doc.startsAt, movedFrom: doc.movedFrom });
      words.push(`时间改为${doc.date} ${doc.start}–${doc.end}（原为${old.date} ${old.start}–${old.end}）`);
    }
    if (old.title !== doc.title || old.kind !== doc.kind) Object.assign(patch, { title: doc.title, kind: doc.kind });
    if (old.title !== doc.title) words.push(`活动名称改为“${doc.title}”`);
    // A one-off event's cancellation lives on its occurrence (its schedule has no exceptions).
    if (old.status !== doc.status && !(once && old.status === 'cancelled')) {
      Object.assign(patch, { status: doc.status, cancelReason: doc.cancelReason });
    }
    if (old.capacity !== doc.capacity) patch.capacity = doc.capacity;
    if (opts.placeChanged && old.status === 'scheduled' && doc.status === 'scheduled')
      words.push(`地点改为${e.place.name}（${e.place.address}）`);
    if (!Object.keys(patch).length && !words.length) continue;
    if (Object.keys(patch).length) {
      // Capacity goes through the counters' transaction so it can never fall under `confirmed`.
      if (patch.capacity !== undefined) await setCapacity(old._id, patch.capacity);
      const { capacity: _c, ...rest } = patch;
      if (Object.keys(rest).length)
        await occurrencesCol()
          .doc(old._id)
          .update({ ...rest, updatedAt: at });
    }
    changed.push({
      occurrence: { ...old, ...patch },
      changes: words,
      cancelled: old.status === 'scheduled' && doc.status === 'cancelled',
    });
  }
  // A date that left the schedule (shorter series, a weekday dropped): cancelled, never deleted (people may be registered).
  for (const old of existing.values()) {
    if (wanted.has(old._id) || old.status === 'cancelled') continue;
    const cancelReason = '活动安排调整，这一次不再举办';
    await occurrencesCol().doc(old._id).update({ status: 'cancelled', cancelReason, updatedAt: at });
    changed.push({ occurrence: { ...old, status: 'cancelled', cancelReason }, changes: [], cancelled: true });
  }
  for (let i = 0; i < fresh.length; i += 100) await addOccurrences(fresh.slice(i, i + 100));
  const last = slots.length ? slots[slots.length - 1].originalDate : until;
  await eventsCol()
    .doc(e._id)
    // biome-ignore lint/complexity/useMathMinMax: days are strings ('YYYY-MM-DD'), compared as text
    .update({ materialisedUntil: last > until ? last : until });
  return changed;
}

/** Adds new occurrences; one already there (a retry, or two staff publishing at once) is left as it is. */
async function addOccurrences(docs: OccurrenceDoc[]) {
  if (!docs.length) return;
  try {
    await occurrencesCol().add(docs);
  } catch {
    // A batch stops (CloudBase) or fails whole (emulator) at the first existing id: one by one, skipping those.
    for (const d of docs) {
      const { _id, ...rest } = d;
      // set() on a missing document creates it; on an existing one it would reset the counters, so check first.
      if (await getOccurrence(_id)) continue;
      await occurrencesCol()
        .doc(_id)
        .set(rest)
        .catch(async (err: unknown) => {
          if (!(await getOccurrence(_id))) throw err;
        });
    }
  }
}

/** Changes an occurrence's capacity without ever letting it fall under the places already taken. */
async function setCapacity(occId: string, capacity: number) {
  await withTransaction(async (t) => {
    const { data: o } = (await t.collection(COLLECTIONS.occurrences).doc(occId).get()) as { data: OccurrenceDoc | null };
    if (!o) return;
    if (capacity < o.confirmed) {
      throw new AppError('INVALID_INPUT', `${o.date} 那一次已有${o.confirmed}人报名，名额不能少于${o.confirmed}`);
    }
    await t.collection(COLLECTIONS.occurrences).doc(occId).update({ capacity, updatedAt: now() });
  });
}

/**
 * For the daily scheduler: every published weekly event whose occurrences stop short of
 * today + HORIZON_WEEKS gets the next ones made (nothing changes for existing ones).
 * Safe to run any number of times. Returns how many events were extended.
 */
export async function extendOccurrenceHorizon(today = shanghaiDay(now())): Promise<{ events: number }> {
  const until = horizonEnd(today);
  const _ = db().command;
  let events = 0;
  // No skip: each event handled leaves the query (its materialisedUntil reaches `until`).
  for (;;) {
    const { data } = await eventsCol()
      .where({ status: 'published', 'schedule.type': 'weekly', materialisedUntil: _.lt(until) })
      .orderBy('_id', 'asc')
      .limit(100)
      .get();
    for (const e of data as EventDoc[]) {
      if (e.schedule.type === 'weekly' && e.schedule.to <= (e.materialisedUntil ?? '')) {
        await eventsCol().doc(e._id).update({ materialisedUntil: until });
        continue;
      }
      await materialise(e, { today });
      events++;
    }
    if (data.length < 100) break;
  }
  return { events };
}

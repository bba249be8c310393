import { type EventListItem, type EventSaveInput, type EventView, eventSchemas, type OccurrenceView } from '../../contract/events';
import type { Schedule, ScheduleException } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, conflict, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { now } from '../_lib/time';
import { tellEveryoneRegistered } from './notify';
import { fillFreePlaces } from './places';
import {
  type EventDoc,
  eventsCol,
  getEvent,
  getOccurrence,
  materialise,
  type OccurrenceChange,
  type OccurrenceDoc,
  occurrencesCol,
  toEventView,
  toOccurrenceView,
} from './store';

/**
 * Staff publish events: create or edit (draft or published), publish, end, and cancel or
 * move one occurrence. Any staff member may (events are the district's, not a street's).
 * Editing a published event re-makes its occurrences and tells everyone registered for an
 * occurrence whose time, place or title changed, or which was cancelled.
 */

/** The last day of a schedule, and whether it has already passed. */
function lastDay(s: Schedule) {
  return s.type === 'once' ? s.date : s.to;
}

function samePlace(a: EventDoc['place'], b: EventDoc['place']) {
  return a.name === b.name && a.address === b.address && a.latitude === b.latitude && a.longitude === b.longitude;
}

/** Tells the people registered for each changed occurrence; keyed by the event's version, so a retry tells no one twice. */
async function tellChanges(e: EventDoc, changes: OccurrenceChange[], note: string | null) {
  let queued = 0;
  for (const c of changes) {
    if (c.cancelled) {
      queued += await tellEveryoneRegistered({
        kind: 'event_cancelled',
        keyPart: `v${e.version}`,
        occ: c.occurrence,
        event: e,
        note: note ?? c.occurrence.cancelReason,
      });
    } else if (c.changes.length && c.occurrence.status === 'scheduled') {
      queued += await tellEveryoneRegistered({
        kind: 'event_changed',
        keyPart: `v${e.version}`,
        occ: c.occurrence,
        event: e,
        changes: c.changes,
        note,
      });
    }
  }
  return queued;
}

/** After an edit raised the capacity, the waitlists move up. */
async function fillAll(e: EventDoc) {
  const _ = db().command;
  const { data } = await occurrencesCol()
    .where({ eventId: e._id, status: 'scheduled', waiting: _.gt(0), date: _.gte(shanghaiDay(now())) })
    .limit(1000)
    .get();
  for (const o of data as OccurrenceDoc[]) if (o.confirmed < e.capacity) await fillFreePlaces(o._id, e);
}

function fields(input: EventSaveInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description ?? '',
    coverFileId: input.coverFileId ?? null,
    place: input.place,
    schedule: input.schedule as Schedule,
    capacity: input.capacity,
    opensDaysBefore: input.opensDaysBefore,
    closesMinutesBefore: input.closesMinutesBefore,
    cancelMinutesBefore: input.cancelMinutesBefore,
    needsApproval: input.needsApproval,
    ageMin: input.ageMin ?? null,
    ageMax: input.ageMax ?? null,
  };
}

async function create(input: EventSaveInput, caller: Caller): Promise<EventView> {
  const requestKey = `${caller.userId}:${input.requestId}`;
  const first = async () => {
    const { data } = await eventsCol().where({ requestKey }).limit(1).get();
    return (data[0] as EventDoc | undefined) ?? null;
  };
  const again = await first();
  if (again) return toEventView(again);
  const f = fields(input);
  if (lastDay(f.schedule) < shanghaiDay(now())) throw invalidInput('活动日期已经过了，请检查日期');
  const at = now();
  const doc: Omit<EventDoc, '_id'> = {
    requestKey,
    lastRequestKey: requestKey,
    ...f,
    status: 'draft',
    version: 1,
    materialisedUntil: null,
    createdBy: caller.userId,
    createdAt: at,
    updatedBy: caller.userId,
    updatedAt: at,
    publishedAt: null,
    endedAt: null,
  };
  try {
    const { id } = (await eventsCol().add(doc)) as { id: string };
    await audit(caller, {
      action: 'event.create',
      target: { collection: COLLECTIONS.events, id },
      detail: { title: f.title, kind: f.kind },
    });
    return toEventView({ _id: id, ...doc });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return toEventView((await first()) as EventDoc);
  }
}

/** The most places already taken at one of the event's coming occurrences. */
async function mostTaken(eventId: string): Promise<OccurrenceDoc | null> {
  const _ = db().command;
  const { data } = await occurrencesCol()
    .where({ eventId, date: _.gte(shanghaiDay(now())), status: 'scheduled' })
    .orderBy('confirmed', 'desc')
    .limit(1)
    .get();
  return (data[0] as OccurrenceDoc | undefined) ?? null;
}

async function edit(input: EventSaveInput & { eventId: string }, caller: Caller): Promise<EventView> {
  const old = await getEvent(input.eventId);
  if (!old) throw notFound('没有找到这个活动');
  const requestKey = `${caller.userId}:${input.requestId}`;
  if (old.lastRequestKey === requestKey) return toEventView(old); // a retried save: already applied
  if (old.status === 'ended') throw new AppError('CONFLICT', '活动已结束，不能再修改');
  const f = fields(input);
  if (old.status === 'published' && f.capacity < old.capacity) {
    const busiest = await mostTaken(old._id);
    if (busiest && busiest.confirmed > f.capacity) {
      throw invalidInput(`${busiest.date} 那一次已有${busiest.confirmed}人报名，名额不能少于${busiest.confirmed}`);
    }
  }
  const at = now();
  const patch = { ...f, version: old.version + 1, lastRequestKey: requestKey, updatedBy: caller.userId, updatedAt: at };
  // Conditional on the version read: two staff editing at once cannot silently overwrite each other.
  const res = (await eventsCol().where({ _id: old._id, version: old.version }).update(patch)) as { updated: number };
  if (res.updated !== 1) throw conflict('这个活动刚被其他工作人员修改过，请刷新后再改');
  const fresh: EventDoc = { ...old, ...patch };
  await audit(caller, {
    action: 'event.edit',
    target: { collection: COLLECTIONS.events, id: old._id },
    detail: { version: fresh.version, title: f.title },
  });
  if (fresh.status === 'published') {
    const changes = await materialise(fresh, { placeChanged: !samePlace(old.place, f.place) });
    await tellChanges(fresh, changes, null);
    if (f.capacity > old.capacity) await fillAll(fresh);
  }
  return toEventView(fresh);
}

/** A weekly schedule with one exception set for an original date (replacing any there was). */
function withException(s: Extract<Schedule, { type: 'weekly' }>, e: ScheduleException): Schedule {
  return { ...s, exceptions: [...s.exceptions.filter((x) => x.date !== e.date), e].sort((a, b) => a.date.localeCompare(b.date)) };
}

/** Saves a schedule change made from one occurrence (cancel, move) as a new version of the event. */
async function saveSchedule(old: EventDoc, schedule: Schedule, caller: Caller): Promise<EventDoc> {
  const at = now();
  const patch = { schedule, version: old.version + 1, updatedBy: caller.userId, updatedAt: at };
  const res = (await eventsCol().where({ _id: old._id, version: old.version }).update(patch)) as { updated: number };
  if (res.updated !== 1) throw conflict('这个活动刚被其他工作人员修改过，请刷新后再试');
  return { ...old, ...patch };
}

async function occurrenceAndEvent(occurrenceId: string) {
  const occ = await getOccurrence(occurrenceId);
  const event = occ ? await getEvent(occ.eventId) : null;
  if (!occ || !event) throw notFound('没有找到这一场活动');
  return { occ, event };
}

export const manageActions = {
  'event.save': action({
    input: eventSchemas['event.save'],
    roles: STAFF,
    handler: async (input, { caller }): Promise<EventView> =>
      input.eventId ? edit(input as EventSaveInput & { eventId: string }, caller) : create(input, caller),
  }),

  'event.list': action({
    input: eventSchemas['event.list'],
    roles: STAFF,
    handler: async ({ status }): Promise<EventListItem[]> => {
      const { data } = await eventsCol()
        .where(status ? { status } : {})
        .orderBy('updatedAt', 'desc')
        .limit(100)
        .get();
      const today = shanghaiDay(now());
      const _ = db().command;
      return Promise.all(
        (data as EventDoc[]).map(async (e) => {
          const where = { eventId: e._id, date: _.gte(today), status: 'scheduled' };
          const [{ total }, next] = await Promise.all([
            occurrencesCol().where(where).count() as Promise<{ total: number }>,
            occurrencesCol().where(where).orderBy('date', 'asc').orderBy('start', 'asc').limit(1).get(),
          ]);
          return { event: toEventView(e), upcoming: total, nextDate: (next.data[0] as OccurrenceDoc | undefined)?.date ?? null };
        }),
      );
    },
  }),

  'event.publish': action({
    input: eventSchemas['event.publish'],
    roles: STAFF,
    handler: async ({ eventId }, { caller }): Promise<EventView> => {
      const e = await getEvent(eventId);
      if (!e) throw notFound('没有找到这个活动');
      if (e.status === 'ended') throw new AppError('CONFLICT', '活动已结束，不能再发布');
      if (lastDay(e.schedule) < shanghaiDay(now())) throw invalidInput('活动日期已经过了，请先修改日期');
      const at = now();
      if (e.status === 'draft') {
        const res = (await eventsCol()
          .where({ _id: eventId, status: 'draft' })
          .update({ status: 'published', publishedAt: at, updatedAt: at, updatedBy: caller.userId })) as { updated: number };
        if (res.updated === 1) {
          await audit(caller, {
            action: 'event.publish',
            target: { collection: COLLECTIONS.events, id: eventId },
            detail: { title: e.title },
          });
        }
      }
      const fresh = (await getEvent(eventId)) as EventDoc;
      // Also on a repeat: a publish cut short by a crash finishes making the occurrences.
      await materialise(fresh);
      return toEventView((await getEvent(eventId)) as EventDoc);
    },
  }),

  'event.end': action({
    input: eventSchemas['event.end'],
    roles: STAFF,
    handler: async ({ eventId }, { caller }): Promise<EventView> => {
      const e = await getEvent(eventId);
      if (!e) throw notFound('没有找到这个活动');
      if (e.status !== 'ended') {
        const at = now();
        await eventsCol().doc(eventId).update({ status: 'ended', endedAt: at, updatedAt: at, updatedBy: caller.userId });
        await audit(caller, { action: 'event.end', target: { collection: COLLECTIONS.events, id: eventId }, detail: { title: e.title } });
      }
      return toEventView((await getEvent(eventId)) as EventDoc);
    },
  }),

  'occurrence.cancel': action({
    input: eventSchemas['occurrence.cancel'],
    roles: STAFF,
    handler: async ({ occurrenceId, reason }, { caller }): Promise<OccurrenceView & { told: number }> => {
      const { occ, event } = await occurrenceAndEvent(occurrenceId);
      if (event.status !== 'published') throw new AppError('CONFLICT', '只有已发布的活动才能取消某一场');
      let e = event;
      let version = e.version;
      if (occ.status !== 'cancelled') {
        if (event.schedule.type === 'weekly' && occ.originalDate >= shanghaiDay(now())) {
          e = await saveSchedule(event, withException(event.schedule, { date: occ.originalDate, action: 'cancel', reason }), caller);
        } else {
          e = await saveSchedule(event, event.schedule, caller);
        }
        version = e.version;
        await occurrencesCol()
          .where({ _id: occ._id, status: 'scheduled' })
          .update({ status: 'cancelled', cancelReason: reason, cancelledVersion: version, updatedAt: now() });
        await audit(caller, {
          action: 'occurrence.cancel',
          target: { collection: COLLECTIONS.occurrences, id: occ._id },
          detail: { reason },
        });
      } else {
        version = (occ as OccurrenceDoc & { cancelledVersion?: number }).cancelledVersion ?? version;
      }
      const fresh = (await getOccurrence(occ._id)) as OccurrenceDoc;
      // Repeated on a retry: the keys make it tell each person once.
      const told = await tellEveryoneRegistered({
        kind: 'event_cancelled',
        keyPart: `v${version}`,
        occ: fresh,
        event: e,
        note: fresh.cancelReason,
      });
      return { ...toOccurrenceView(fresh, e, now()), told };
    },
  }),

  'occurrence.move': action({
    input: eventSchemas['occurrence.move'],
    roles: STAFF,
    handler: async ({ occurrenceId, toDate, start, end, reason }, { caller }): Promise<OccurrenceView & { told: number }> => {
      const { occ, event } = await occurrenceAndEvent(occurrenceId);
      if (event.status !== 'published') throw new AppError('CONFLICT', '只有已发布的活动才能调整某一场');
      if (occ.status === 'cancelled') throw new AppError('CONFLICT', '这一场已取消，不能改期');
      if (toDate < shanghaiDay(now())) throw invalidInput('改到的日期已经过了');
      if (occ.date === toDate && occ.start === start && occ.end === end) {
        return { ...toOccurrenceView(occ, event, now()), told: 0 };
      }
      const schedule: Schedule =
        event.schedule.type === 'weekly'
          ? withException(event.schedule, { date: occ.originalDate, action: 'move', toDate, start, end, reason })
          : { ...event.schedule, date: toDate, start, end };
      const e = await saveSchedule(event, schedule, caller);
      const movedFrom = occ.movedFrom ?? { date: occ.date, start: occ.start, end: occ.end, reason };
      const patch = {
        date: toDate,
        start,
        end,
        startsAt: `${toDate}T${start}:00+08:00`,
        movedFrom: { ...movedFrom, reason },
        updatedAt: now(),
      };
      await occurrencesCol().doc(occ._id).update(patch);
      await audit(caller, {
        action: 'occurrence.move',
        target: { collection: COLLECTIONS.occurrences, id: occ._id },
        detail: { from: `${occ.date} ${occ.start}-${occ.end}`, to: `${toDate} ${start}-${end}`, reason },
      });
      const fresh: OccurrenceDoc = { ...occ, ...patch };
      const told = await tellEveryoneRegistered({
        kind: 'event_changed',
        keyPart: `v${e.version}`,
        occ: fresh,
        event: e,
        changes: [`时间改为${toDate} ${start}–${end}（原为${occ.date} ${occ.start}–${occ.end}）`],
        note: reason,
      });
      return { ...toOccurrenceView(fresh, e, now()), told };
    },
  }),
};

import { type EventDetail, eventSchemas, type MyPlace, type OccurrenceView, type WeekView } from '../../contract/events';
import { addDays, mondayOf } from '../../contract/recurrence';
import { shanghaiDay } from '../../contract/time';
import { type Caller, isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, EVERYONE } from '../_lib/defineFunction';
import { notFound } from '../_lib/errors';
import { tempUrl } from '../_lib/exportFile';
import { links } from '../_lib/links';
import { now } from '../_lib/time';
import { getUser } from '../_lib/users';
import { positionOf } from './places';
import {
  type EventDoc,
  eventsById,
  getEvent,
  type OccurrenceDoc,
  occurrencesCol,
  type RegistrationDoc,
  registrationsCol,
  toEventView,
  toOccurrenceView,
} from './store';

/**
 * Browsing events: a week's occurrences (the list retirees open) and one event with its
 * coming occurrences. Anyone may look; a signed-in person also sees where they and the
 * elders they help stand at each occurrence.
 */

/** The retirees this caller registers for: themself (if bound) and the elders they help now. */
export async function myRetireeIds(caller: Caller): Promise<string[]> {
  if (!caller.userId) return [];
  const ids: string[] = [];
  const user = await getUser(caller.userId);
  if (user?.retireeId) ids.push(user.retireeId);
  const { data } = await links().where({ helperUserId: caller.userId, status: 'active' }).limit(20).get();
  for (const l of data as Array<{ retireeId: string | null }>) if (l.retireeId && !ids.includes(l.retireeId)) ids.push(l.retireeId);
  return ids;
}

/** My places at these occurrences (cancelled registrations left out), by occurrence id. */
async function myPlaces(caller: Caller, occIds: string[]): Promise<Map<string, Array<Omit<MyPlace, 'canCancel'>>>> {
  const out = new Map<string, Array<Omit<MyPlace, 'canCancel'>>>();
  const retireeIds = await myRetireeIds(caller);
  if (!retireeIds.length || !occIds.length) return out;
  const _ = db().command;
  for (let i = 0; i < occIds.length; i += 100) {
    const { data } = await registrationsCol()
      .where({ occurrenceId: _.in(occIds.slice(i, i + 100)), retireeId: _.in(retireeIds), status: _.neq('cancelled') })
      .limit(1000)
      .get();
    for (const r of data as RegistrationDoc[]) {
      const list = out.get(r.occurrenceId) ?? [];
      list.push({
        registrationId: r._id,
        retireeId: r.retireeId,
        retireeName: r.retireeName,
        status: r.status,
        position: await positionOf(r),
      });
      out.set(r.occurrenceId, list);
    }
  }
  return out;
}

async function views(caller: Caller, occs: OccurrenceDoc[], events: Map<string, EventDoc>): Promise<OccurrenceView[]> {
  const at = now();
  const mine = await myPlaces(
    caller,
    occs.map((o) => o._id),
  );
  return occs
    .filter((o) => events.has(o.eventId))
    .map((o) => toOccurrenceView(o, events.get(o.eventId) as EventDoc, at, mine.get(o._id) ?? []));
}

export const browseActions = {
  'event.week': action({
    input: eventSchemas['event.week'],
    roles: EVERYONE,
    handler: async ({ monday, kind }, { caller }): Promise<WeekView> => {
      const first = mondayOf(monday ?? shanghaiDay(now()));
      const last = addDays(first, 6);
      const _ = db().command;
      const where: Record<string, unknown> = { date: _.gte(first).and(_.lte(last)) };
      if (kind) where.kind = kind;
      const { data } = await occurrencesCol().where(where).orderBy('date', 'asc').orderBy('start', 'asc').limit(1000).get();
      const occs = data as OccurrenceDoc[];
      const events = await eventsById(occs.map((o) => o.eventId));
      // Drafts have no occurrences; an event staff took back to draft would not show either.
      for (const [id, e] of events) if (e.status === 'draft') events.delete(id);
      return { monday: first, sunday: last, occurrences: await views(caller, occs, events) };
    },
  }),

  'event.get': action({
    input: eventSchemas['event.get'],
    roles: EVERYONE,
    handler: async ({ eventId, past }, { caller }): Promise<EventDetail> => {
      const e = await getEvent(eventId);
      if (!e || (e.status === 'draft' && !isStaff(caller))) throw notFound('没有找到这个活动');
      const _ = db().command;
      const today = shanghaiDay(now());
      const before = past === true && isStaff(caller);
      const { data } = await occurrencesCol()
        .where({ eventId, date: before ? _.lt(today) : _.gte(today) })
        .orderBy('date', before ? 'desc' : 'asc')
        .orderBy('start', before ? 'desc' : 'asc')
        .limit(60)
        .get();
      return {
        event: toEventView(e),
        coverUrl: e.coverFileId ? (await tempUrl(e.coverFileId).catch(() => '')) || null : null,
        occurrences: await views(caller, data as OccurrenceDoc[], new Map([[e._id, e]])),
      };
    },
  }),
};

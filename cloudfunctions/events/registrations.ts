import {
  ACTIVE_REGISTRATION,
  cancelDeadline,
  eventSchemas,
  type MyRegistrations,
  REGISTRATION_STATUS_WORDS,
  type RegistrationList,
  type RegistrationResult,
  type RegistrationStatus,
  type RegistrationView,
  type RosterLine,
} from '../../contract/events';
import { startsAtIso } from '../../contract/recurrence';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { type Caller, isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, notFound } from '../_lib/errors';
import { getRetiree, type RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';
import { actingFor } from '../_lib/users';
import { myRetireeIds } from './browse';
import { cancelRegistration, positionOf, register, review } from './places';
import {
  type EventDoc,
  eventIdOf,
  eventsById,
  getEvent,
  getOccurrence,
  getRegistration,
  type OccurrenceDoc,
  occurrencesCol,
  personMayCancel,
  type RegistrationDoc,
  registrationsCol,
  toOccurrenceView,
} from './store';

/**
 * Registering for an occurrence: a retiree for themself, a family member for an elder they
 * help (checked by `actingFor` at that moment), staff for anyone (walk-ins: no window, no
 * approval). Cancelling, my registrations, and the staff list and review.
 */
const PEOPLE_AND_STAFF = ['retiree', 'family', 'staff', 'admin'] as const;

const endsAt = (o: Pick<OccurrenceDoc, 'date' | 'end'>) => Date.parse(startsAtIso(o.date, o.end));

function toView(r: RegistrationDoc, o: OccurrenceDoc, e: EventDoc, position: number | null, at: Date): RegistrationView {
  const deadline = cancelDeadline(o, e);
  return {
    id: r._id,
    occurrenceId: r.occurrenceId,
    eventId: r.eventId,
    retireeId: r.retireeId,
    retireeName: r.retireeName,
    via: r.via,
    status: r.status,
    statusWords: REGISTRATION_STATUS_WORDS[r.status],
    position,
    kind: o.kind,
    title: o.title,
    placeName: e.place.name,
    date: o.date,
    start: o.start,
    end: o.end,
    startsAt: o.startsAt,
    occurrenceStatus: o.status,
    cancelReason: o.cancelReason ?? null,
    cancelDeadline: deadline,
    canCancel: personMayCancel(r.status, o, e, at),
    checkedInAt: r.checkedInAt ? new Date(r.checkedInAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

function resultWords(r: RegistrationDoc, position: number | null, created: boolean): string {
  const whose = r.via === 'self' ? '' : `已为${r.retireeName}`;
  switch (r.status) {
    case 'confirmed':
      return `${whose || '已'}报名成功，请按时参加`;
    case 'waitlisted':
      return `名额已满，${whose ? `${whose}` : '已为您'}排队候补，现在排第${position}位。有人取消时会自动补上并通知`;
    case 'pending':
      return `${whose || '已'}提交报名，工作人员审核后会通知`;
    case 'cancelled':
      return created ? '已取消报名' : '这条报名已经取消了';
    default:
      return '这条报名没有通过审核';
  }
}

/** A registration with its occurrence and event, seen by this caller (not theirs → NOT_FOUND). */
async function registrationFor(caller: Caller, registrationId: string) {
  const reg = await getRegistration(registrationId);
  if (!reg) throw notFound('没有找到这条报名');
  if (!isStaff(caller)) await actingFor(caller, reg.retireeId).catch(() => Promise.reject(notFound('没有找到这条报名')));
  const occ = (await getOccurrence(reg.occurrenceId)) as OccurrenceDoc;
  const event = (await getEvent(reg.eventId)) as EventDoc;
  return { reg, occ, event };
}

async function answer(
  reg: RegistrationDoc,
  created: boolean,
  known?: { occ?: OccurrenceDoc; event?: EventDoc },
): Promise<RegistrationResult> {
  const occ = known?.occ ?? ((await getOccurrence(reg.occurrenceId)) as OccurrenceDoc);
  const event = known?.event?._id === reg.eventId ? known.event : ((await getEvent(reg.eventId)) as EventDoc);
  const position = await positionOf(reg);
  return { ...toView(reg, occ, event, position, now()), message: resultWords(reg, position, created), created };
}

export const registrationActions = {
  'registration.create': action({
    input: eventSchemas['registration.create'],
    roles: PEOPLE_AND_STAFF,
    handler: async ({ occurrenceId, retireeId, requestId }, { caller }): Promise<RegistrationResult> => {
      // "<eventId>:<date>": the event is known from the id; the occurrence itself is read in the transaction.
      // Three independent reads at once; only the family check can refuse (FORBIDDEN).
      const [event, acting, retiree] = await Promise.all([
        getEvent(eventIdOf(occurrenceId)),
        isStaff(caller) ? null : actingFor(caller, retireeId),
        getRetiree(retireeId),
      ]);
      if (!event || event.status === 'draft') throw notFound('没有找到这场活动');
      if (event.status === 'ended') throw new AppError('CONFLICT', '这个活动已经结束了');
      const via = acting?.via ?? 'staff';
      if (!retiree) throw notFound('没有找到这位长辈');
      const { reg, created, occ } = await register(event, occurrenceId, {
        retiree,
        operatorUserId: caller.userId as string,
        operatorName: caller.name,
        via,
        requestKey: `${caller.userId}:${requestId}`,
      });
      if (created && via === 'staff') {
        await audit(caller, {
          action: 'registration.staff',
          target: { collection: COLLECTIONS.registrations, id: reg._id },
          subjectId: retireeId,
          detail: { occurrenceId, status: reg.status },
        });
      }
      return answer(reg, created, { occ, event });
    },
  }),

  'registration.cancel': action({
    input: eventSchemas['registration.cancel'],
    roles: PEOPLE_AND_STAFF,
    handler: async ({ registrationId }, { caller }): Promise<RegistrationResult> => {
      const { reg, occ, event } = await registrationFor(caller, registrationId);
      if (!ACTIVE_REGISTRATION.includes(reg.status)) return answer(reg, false);
      if (!isStaff(caller)) {
        const at = now().getTime();
        if (at >= Date.parse(occ.startsAt)) throw new AppError('CONFLICT', '活动已经开始了，不能再取消');
        if (reg.status === 'confirmed' && at >= Date.parse(cancelDeadline(occ, event))) {
          throw new AppError('CONFLICT', '已过取消截止时间，如不能参加请联系工作人员');
        }
      }
      const out = await cancelRegistration(reg, event, caller.userId as string);
      if (out.created && isStaff(caller)) {
        await audit(caller, {
          action: 'registration.cancel',
          target: { collection: COLLECTIONS.registrations, id: reg._id },
          subjectId: reg.retireeId,
          detail: { occurrenceId: reg.occurrenceId, was: reg.status },
        });
      }
      return answer(out.reg, out.created);
    },
  }),

  'registration.mine': action({
    input: eventSchemas['registration.mine'],
    roles: PEOPLE_AND_STAFF,
    handler: async (_input, { caller }): Promise<MyRegistrations> => {
      const retireeIds = await myRetireeIds(caller);
      if (!retireeIds.length) return { upcoming: [], past: [] };
      const _ = db().command;
      const { data } = await registrationsCol()
        .where({ retireeId: _.in(retireeIds) })
        .orderBy('createdAt', 'desc')
        .limit(200)
        .get();
      const regs = data as RegistrationDoc[];
      const occIds = [...new Set(regs.map((r) => r.occurrenceId))];
      const occs = new Map<string, OccurrenceDoc>();
      for (let i = 0; i < occIds.length; i += 100) {
        const res = await occurrencesCol()
          .where({ _id: _.in(occIds.slice(i, i + 100)) })
          .limit(100)
          .get();
        for (const o of res.data as OccurrenceDoc[]) occs.set(o._id, o);
      }
      const events = await eventsById(regs.map((r) => r.eventId));
      const at = now();
      const upcoming: RegistrationView[] = [];
      const past: RegistrationView[] = [];
      for (const r of regs) {
        const o = occs.get(r.occurrenceId);
        const e = events.get(r.eventId);
        if (!o || !e) continue;
        const view = toView(r, o, e, await positionOf(r), at);
        (endsAt(o) > at.getTime() ? upcoming : past).push(view);
      }
      upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.retireeName.localeCompare(b.retireeName));
      past.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
      return { upcoming, past };
    },
  }),

  'registration.list': action({
    input: eventSchemas['registration.list'],
    roles: STAFF,
    handler: async ({ occurrenceId }): Promise<RegistrationList> => {
      const occ = await getOccurrence(occurrenceId);
      const event = occ ? await getEvent(occ.eventId) : null;
      if (!occ || !event) throw notFound('没有找到这一场活动');
      const regs: RegistrationDoc[] = [];
      for (let skip = 0; ; skip += 1000) {
        const { data } = await registrationsCol().where({ occurrenceId }).orderBy('_id', 'asc').skip(skip).limit(1000).get();
        regs.push(...(data as RegistrationDoc[]));
        if (data.length < 1000) break;
      }
      const _ = db().command;
      const phones = new Map<string, string | null>();
      const ids = [...new Set(regs.map((r) => r.retireeId))];
      for (let i = 0; i < ids.length; i += 500) {
        const { data } = await db()
          .collection(COLLECTIONS.retirees)
          .where({ _id: _.in(ids.slice(i, i + 500)) })
          .field({ _id: true, phoneMasked: true })
          .limit(500)
          .get();
        for (const r of data as Array<Pick<RetireeDoc, '_id' | 'phoneMasked'>>) phones.set(r._id, r.phoneMasked ?? null);
      }
      const order: RegistrationStatus[] = ['confirmed', 'waitlisted', 'pending', 'cancelled', 'refused'];
      regs.sort(
        (a, b) =>
          order.indexOf(a.status) - order.indexOf(b.status) ||
          (a.status === 'waitlisted' ? (a.waitSeq ?? 0) - (b.waitSeq ?? 0) : 0) ||
          new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime(),
      );
      let inLine = 0;
      const lines: RosterLine[] = regs.map((r) => ({
        registrationId: r._id,
        retireeId: r.retireeId,
        retireeName: r.retireeName,
        street: r.street,
        phoneMasked: phones.get(r.retireeId) ?? null,
        via: r.via,
        operatorName: r.via === 'self' ? null : r.operatorName,
        status: r.status,
        // Same snapshot, in ticket order: 1, 2, 3… without gaps.
        position: r.status === 'waitlisted' ? ++inLine : null,
        checkedInAt: r.checkedInAt ? new Date(r.checkedInAt).toISOString() : null,
        createdAt: new Date(r.createdAt).toISOString(),
      }));
      const counts = Object.fromEntries(order.map((s) => [s, regs.filter((r) => r.status === s).length])) as Record<
        RegistrationStatus,
        number
      >;
      return { occurrence: toOccurrenceView(occ, event, now()), counts, lines };
    },
  }),

  'registration.review': action({
    input: eventSchemas['registration.review'],
    roles: STAFF,
    handler: async ({ registrationId, approve }, { caller }): Promise<RegistrationResult> => {
      const { reg } = await registrationFor(caller, registrationId);
      const out = await review(reg, approve, caller.userId as string);
      await audit(caller, {
        action: approve ? 'registration.approve' : 'registration.refuse',
        target: { collection: COLLECTIONS.registrations, id: reg._id },
        subjectId: reg.retireeId,
        detail: { occurrenceId: reg.occurrenceId, status: out.reg.status },
      });
      return answer(out.reg, out.created);
    },
  }),
};

import { ACTIVE_REGISTRATION, ageProblem, type RegistrationVia, windowState } from '../../contract/events';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';
import { AppError, isDuplicateKey } from '../_lib/errors';
import type { RetireeDoc } from '../_lib/retirees';
import { now } from '../_lib/time';
import { boundUsers, noticeDocs } from './notify';
import { type EventDoc, type OccurrenceDoc, type RegistrationDoc, registrationId, registrationsCol, withTransaction } from './store';

/**
 * Places at an occurrence: who gets one, who waits, who is promoted.
 *
 * Every change of the counters (`confirmed`, `waiting`, `waitSeq`) happens in one
 * transaction with the registration it is for: read the occurrence → decide → write the
 * occurrence and the registration (both by id, as CloudBase transactions require). Two
 * people racing for the last place both read the same `confirmed`; only one commit can
 * succeed, the other is retried and sees the place gone. So `confirmed` never exceeds
 * `capacity`, and a crash leaves either both writes or neither.
 *
 * A newcomer is confirmed only when a place is free AND nobody is waiting, so a place
 * freed by a cancel always goes to the waitlist first.
 */
const occs = (t: any) => t.collection(COLLECTIONS.occurrences);
const regs = (t: any) => t.collection(COLLECTIONS.registrations);

/** 1 + the number waiting with an earlier ticket: gapless whatever cancels in between. */
export async function positionOf(reg: Pick<RegistrationDoc, 'occurrenceId' | 'status' | 'waitSeq'>): Promise<number | null> {
  if (reg.status !== 'waitlisted' || reg.waitSeq == null) return null;
  const _ = db().command;
  const { total } = (await registrationsCol()
    .where({ occurrenceId: reg.occurrenceId, status: 'waitlisted', waitSeq: _.lt(reg.waitSeq) })
    .count()) as { total: number };
  return total + 1;
}

export interface Registrant {
  retiree: Pick<RetireeDoc, '_id' | 'name' | 'street' | 'birthDate'>;
  operatorUserId: string;
  operatorName: string | null;
  via: RegistrationVia;
  requestKey: string;
}

/** The outcome of a registration attempt: the registration as it now stands, and whether this call made it. */
export interface Registered {
  reg: RegistrationDoc;
  created: boolean;
  /** The occurrence as this call left it (when it read it). */
  occ?: OccurrenceDoc;
}

/**
 * Registers one person for one occurrence: confirmed, waitlisted or pending (needs approval).
 * A retried request (same key), or a person already holding or waiting for a place, gets
 * the registration as it stands; a cancelled or refused one is re-used.
 */
export async function register(event: EventDoc, occId: string, who: Registrant): Promise<Registered> {
  const regId = registrationId(occId, who.retiree._id);
  let mend = false;
  let result: Registered;
  try {
    result = await withTransaction(async (t): Promise<Registered> => {
      const [{ data: existing }, { data: o }] = (await Promise.all([regs(t).doc(regId).get(), occs(t).doc(occId).get()])) as [
        { data: RegistrationDoc | null },
        { data: OccurrenceDoc | null },
      ];
      if (!o || o.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这场活动');
      if (
        existing &&
        (existing.requestKey === who.requestKey ||
          (existing.pastRequestKeys ?? []).includes(who.requestKey) ||
          ACTIVE_REGISTRATION.includes(existing.status))
      ) {
        return { reg: existing, created: false, occ: o };
      }
      if (o.status !== 'scheduled') throw new AppError('CONFLICT', `这一场已取消${o.cancelReason ? `（${o.cancelReason}）` : ''}`);
      const at = now();
      if (who.via !== 'staff') {
        const w = windowState(o, event, at);
        if (w === 'not_yet') throw new AppError('CONFLICT', '还没到报名时间');
        if (w === 'closed') throw new AppError('CONFLICT', '报名已经截止了');
      } else if (Date.parse(`${o.date}T${o.end}:00+08:00`) < at.getTime()) {
        throw new AppError('CONFLICT', '这一场已经结束了');
      }
      const tooOld = ageProblem(who.retiree.birthDate, o.date, event);
      if (tooOld) throw new AppError('CONFLICT', tooOld);

      let status: RegistrationDoc['status'];
      let waitSeq: number | null = null;
      let after = o;
      if (event.needsApproval && who.via !== 'staff') {
        status = 'pending';
      } else if (o.confirmed < o.capacity && o.waiting === 0) {
        status = 'confirmed';
        after = { ...o, confirmed: o.confirmed + 1, updatedAt: at };
        await occs(t).doc(occId).update({ confirmed: after.confirmed, updatedAt: at });
      } else {
        status = 'waitlisted';
        waitSeq = o.waitSeq + 1;
        after = { ...o, waiting: o.waiting + 1, waitSeq, updatedAt: at };
        await occs(t).doc(occId).update({ waiting: after.waiting, waitSeq, updatedAt: at });
        // A place is free but people wait (a promotion did not finish): fill it after this commit.
        mend = o.confirmed < o.capacity;
      }
      const doc: Omit<RegistrationDoc, '_id'> = {
        requestKey: who.requestKey,
        pastRequestKeys: existing ? [...(existing.pastRequestKeys ?? []), existing.requestKey].slice(-10) : [],
        eventId: event._id,
        occurrenceId: occId,
        retireeId: who.retiree._id,
        retireeName: who.retiree.name,
        street: who.retiree.street,
        operatorUserId: who.operatorUserId,
        operatorName: who.operatorName,
        via: who.via,
        status,
        waitSeq,
        checkedInAt: null,
        checkedInBy: null,
        cancelledBy: null,
        reviewedBy: null,
        promotedAt: null,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      await regs(t).doc(regId).set(doc);
      return { reg: { _id: regId, ...doc }, created: true, occ: after };
    });
  } catch (e) {
    // The same requestId already answered for another registration (a client re-using ids): the first result.
    if (!isDuplicateKey(e)) throw e;
    const { data } = await registrationsCol().where({ requestKey: who.requestKey }).limit(1).get();
    if (!data.length) throw e;
    return { reg: data[0] as RegistrationDoc, created: false };
  }
  if (mend) await fillFreePlaces(occId, event);
  return result;
}

class CandidateGone extends Error {}

/** The first in line at an occurrence (lowest ticket), or null. */
async function firstWaiting(occId: string): Promise<RegistrationDoc | null> {
  const { data } = await registrationsCol().where({ occurrenceId: occId, status: 'waitlisted' }).orderBy('waitSeq', 'asc').limit(1).get();
  return (data[0] as RegistrationDoc | undefined) ?? null;
}

/** Inside a transaction: the candidate gets the place and a message is queued for them (and whoever registered them). */
async function promoteIn(t: any, o: OccurrenceDoc, candidate: RegistrationDoc, event: EventDoc, boundUserId: string | null) {
  const at = now();
  await regs(t).doc(candidate._id).update({ status: 'confirmed', promotedAt: at, updatedAt: at });
  for (const n of noticeDocs({
    kind: 'event_promoted',
    keyPart: String(candidate.waitSeq),
    reg: candidate,
    occ: o,
    placeName: event.place.name,
    boundUserId,
  })) {
    await t.collection(COLLECTIONS.notifications).add(n);
  }
}

const promotable = (o: OccurrenceDoc, at: Date) => o.status === 'scheduled' && Date.parse(o.startsAt) > at.getTime();

/**
 * Cancels a registration. A confirmed place goes, in the same transaction, to the first on
 * the waitlist (who gets a message); with no one waiting it becomes free. Returns the
 * registration as it now stands and whether this call changed it.
 */
export async function cancelRegistration(reg: RegistrationDoc, event: EventDoc, byUserId: string): Promise<Registered> {
  for (let round = 0; ; round++) {
    const candidate = reg.status === 'confirmed' ? await firstWaiting(reg.occurrenceId) : null;
    const bound = candidate ? ((await boundUsers([candidate.retireeId])).get(candidate.retireeId) ?? null) : null;
    try {
      const out = await withTransaction(async (t): Promise<Registered & { promoted: boolean }> => {
        const { data: r } = (await regs(t).doc(reg._id).get()) as { data: RegistrationDoc | null };
        if (!r || !ACTIVE_REGISTRATION.includes(r.status)) return { reg: r ?? reg, created: false, promoted: false };
        const { data: o } = (await occs(t).doc(r.occurrenceId).get()) as { data: OccurrenceDoc };
        const at = now();
        let promoted = false;
        if (r.status === 'confirmed') {
          if (candidate && promotable(o, at)) {
            const { data: c } = (await regs(t).doc(candidate._id).get()) as { data: RegistrationDoc | null };
            if (c?.status !== 'waitlisted') throw new CandidateGone();
            await promoteIn(t, o, c, event, bound);
            await occs(t)
              .doc(o._id)
              .update({ waiting: o.waiting - 1, updatedAt: at });
            promoted = true;
          } else {
            await occs(t)
              .doc(o._id)
              .update({ confirmed: o.confirmed - 1, updatedAt: at });
          }
        } else if (r.status === 'waitlisted') {
          await occs(t)
            .doc(o._id)
            .update({ waiting: o.waiting - 1, updatedAt: at });
        }
        await regs(t).doc(r._id).update({ status: 'cancelled', cancelledBy: byUserId, updatedAt: at });
        return { reg: { ...r, status: 'cancelled', cancelledBy: byUserId, updatedAt: at }, created: true, promoted };
      });
      // Nobody was waiting when we looked, but someone may have joined since: give them the place.
      if (out.created && !out.promoted) await fillFreePlaces(reg.occurrenceId, event);
      return { reg: out.reg, created: out.created };
    } catch (e) {
      if (!(e instanceof CandidateGone) || round >= 20) throw e;
    }
  }
}

/**
 * While a place is free and people wait, the first in line is promoted (one transaction each).
 * Safe to call any time: after a capacity increase, or to finish a promotion a crash cut short.
 */
export async function fillFreePlaces(occId: string, event: EventDoc): Promise<number> {
  let promoted = 0;
  for (let round = 0; round < 10_000; round++) {
    const candidate = await firstWaiting(occId);
    if (!candidate) return promoted;
    const bound = (await boundUsers([candidate.retireeId])).get(candidate.retireeId) ?? null;
    let done: 'promoted' | 'full' | 'gone';
    try {
      done = await withTransaction(async (t) => {
        const { data: o } = (await occs(t).doc(occId).get()) as { data: OccurrenceDoc };
        if (!promotable(o, now()) || o.confirmed >= o.capacity) return 'full' as const;
        const { data: c } = (await regs(t).doc(candidate._id).get()) as { data: RegistrationDoc | null };
        if (c?.status !== 'waitlisted') return 'gone' as const;
        await promoteIn(t, o, c, event, bound);
        await occs(t)
          .doc(occId)
          .update({ confirmed: o.confirmed + 1, waiting: o.waiting - 1, updatedAt: now() });
        return 'promoted' as const;
      });
    } catch (e) {
      if (isDuplicateKey(e)) continue; // its message exists: someone else promoted them just now
      throw e;
    }
    if (done === 'full') return promoted;
    if (done === 'promoted') promoted++;
  }
  return promoted;
}

/** Staff decide a pending registration: approved → a place if free (and no one waits), else the waitlist; refused → refused. */
export async function review(reg: RegistrationDoc, approve: boolean, byUserId: string): Promise<Registered> {
  return withTransaction(async (t): Promise<Registered> => {
    const { data: r } = (await regs(t).doc(reg._id).get()) as { data: RegistrationDoc | null };
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条报名');
    if (r.status !== 'pending') throw new AppError('CONFLICT', '这条报名已经处理过了');
    const at = now();
    if (!approve) {
      await regs(t).doc(r._id).update({ status: 'refused', reviewedBy: byUserId, updatedAt: at });
      return { reg: { ...r, status: 'refused', reviewedBy: byUserId, updatedAt: at }, created: true };
    }
    const { data: o } = (await occs(t).doc(r.occurrenceId).get()) as { data: OccurrenceDoc };
    if (o.status !== 'scheduled') throw new AppError('CONFLICT', '这一场已取消');
    let patch: Partial<RegistrationDoc>;
    if (o.confirmed < o.capacity && o.waiting === 0) {
      patch = { status: 'confirmed' };
      await occs(t)
        .doc(o._id)
        .update({ confirmed: o.confirmed + 1, updatedAt: at });
    } else {
      patch = { status: 'waitlisted', waitSeq: o.waitSeq + 1 };
      await occs(t)
        .doc(o._id)
        .update({ waiting: o.waiting + 1, waitSeq: o.waitSeq + 1, updatedAt: at });
    }
    Object.assign(patch, { reviewedBy: byUserId, updatedAt: at });
    await regs(t).doc(r._id).update(patch);
    return { reg: { ...r, ...patch }, created: true };
  });
}

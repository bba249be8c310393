import { comparisonSchemas, VERIFICATION_PAGE_SIZE, type VerificationEntry, type VerificationPage } from '../../contract/comparison';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { conflict } from '../_lib/errors';
import { type RetireeDoc, retireeInScope, retirees } from '../_lib/retirees';
import { now } from '../_lib/time';

/**
 * The verification list: people a death or cancellation record took off automatic
 * certification. Staff check (a call, a visit, the family) and settle each: 'alive' — the
 * record was wrong, data comparison certifies them again; 'confirmed' — it stays stopped.
 * Street staff see and settle only their streets' people.
 */
const toEntry = (d: RetireeDoc): VerificationEntry => {
  const stop = d.autoCertStop as NonNullable<RetireeDoc['autoCertStop']>;
  return {
    retireeId: d._id,
    name: d.name,
    idMasked: d.idMasked,
    street: d.street,
    community: d.community,
    kind: stop.kind,
    source: stop.source,
    date: stop.date,
    lastCertifiedAt: d.lastCertifiedAt ?? null,
    status: stop.status,
  };
};

function openInScope(caller: Caller) {
  const _ = db().command;
  return caller.streets === 'all' ? { 'autoCertStop.status': 'open' } : { 'autoCertStop.status': 'open', street: _.in(caller.streets) };
}

export const verificationActions = {
  'verification.list': action({
    input: comparisonSchemas['verification.list'],
    roles: STAFF,
    handler: async ({ page }, { caller }): Promise<VerificationPage> => {
      const where = openInScope(caller);
      const [{ data }, { total }] = await Promise.all([
        retirees()
          .where(where)
          .orderBy('autoCertStop.date', 'desc')
          .orderBy('_id', 'asc')
          .skip((page - 1) * VERIFICATION_PAGE_SIZE)
          .limit(VERIFICATION_PAGE_SIZE + 1)
          .field({ _id: true, name: true, idMasked: true, street: true, community: true, lastCertifiedAt: true, autoCertStop: true })
          .get(),
        retirees().where(where).count() as Promise<{ total: number }>,
      ]);
      const docs = data as RetireeDoc[];
      return { items: docs.slice(0, VERIFICATION_PAGE_SIZE).map(toEntry), page, hasMore: docs.length > VERIFICATION_PAGE_SIZE, total };
    },
  }),

  'verification.settle': action({
    input: comparisonSchemas['verification.settle'],
    roles: STAFF,
    handler: async ({ retireeId, outcome, note, requestId }, { caller }): Promise<VerificationEntry> => {
      const person = await retireeInScope(caller, retireeId);
      const requestKey = `${caller.userId}:${requestId}`;
      const stop = person.autoCertStop;
      // A retried settle answers as the first did.
      if ((stop as { requestKey?: string } | null | undefined)?.requestKey === requestKey) return toEntry(person);
      if (stop?.status !== 'open') throw conflict('这位人员已经核实过了，请刷新名单');
      const at = now();
      const res = (await retirees()
        .where({ _id: retireeId, 'autoCertStop.status': 'open' })
        .update({
          'autoCertStop.status': outcome,
          'autoCertStop.settledBy': caller.userId,
          'autoCertStop.settledAt': shanghaiDay(at),
          'autoCertStop.note': note,
          'autoCertStop.requestKey': requestKey,
        })) as { updated: number };
      if (res.updated !== 1) throw conflict('这位人员刚刚已被其他同事核实，请刷新名单');
      await audit(caller, {
        action: outcome === 'alive' ? 'comparison.verify.alive' : 'comparison.verify.confirmed',
        target: { collection: COLLECTIONS.retirees, id: retireeId },
        subjectId: retireeId,
        detail: { source: stop.source, date: stop.date, note },
      });
      return toEntry({ ...person, autoCertStop: { ...stop, status: outcome, settledBy: caller.userId, note } });
    },
  }),
};

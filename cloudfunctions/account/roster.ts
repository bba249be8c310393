import { accountSchemas, type Page, REVEAL_PURPOSES, type RetireeSummary, ROSTER_PAGE_SIZE } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, notFound } from '../_lib/errors';
import { decryptPii } from '../_lib/pii';
import { inScope, pii, type RetireeDoc, retireeInScope, retirees, toSummary } from '../_lib/retirees';

/** The roster as staff see it: only their streets, personal numbers masked. */
export const rosterActions = {
  'roster.list': action({
    input: accountSchemas['roster.list'],
    roles: STAFF,
    handler: async ({ street, community, name, state, sort, page }, { caller }): Promise<Page<RetireeSummary>> => {
      const _ = db().command;
      if (street && !inScope(caller, street)) throw notFound('您负责的街道里没有这个街道');
      const where: Record<string, unknown> = {};
      if (street) where.street = street;
      else if (caller.streets !== 'all') where.street = _.in(caller.streets);
      if (community) where.community = community;
      if (name) where.name = db().RegExp({ regexp: `^${escapeRegExp(name)}`, options: '' });
      if (state) where.certState = state;
      let query = retirees().where(where);
      // A missing date sorts before any date, so "longest ago" starts with those never certified.
      if (sort !== 'name') query = query.orderBy('lastCertifiedAt', sort === 'certifiedLongAgo' ? 'asc' : 'desc');
      const { data } = await query
        .orderBy('street', 'asc')
        .orderBy('community', 'asc')
        .orderBy('name', 'asc')
        .orderBy('_id', 'asc')
        .skip((page - 1) * ROSTER_PAGE_SIZE)
        .limit(ROSTER_PAGE_SIZE + 1)
        .get();
      const docs = data as RetireeDoc[];
      return { items: docs.slice(0, ROSTER_PAGE_SIZE).map(toSummary), page, hasMore: docs.length > ROSTER_PAGE_SIZE };
    },
  }),

  'roster.get': action({
    input: accountSchemas['roster.get'],
    roles: STAFF,
    handler: async ({ id }, { caller }) => toSummary(await retireeInScope(caller, id)),
  }),

  /** The whole number, for a stated purpose; every such read is in the audit log, which the person can see. */
  'roster.reveal': action({
    input: accountSchemas['roster.reveal'],
    roles: STAFF,
    handler: async ({ id, field, purpose }, { caller }) => {
      const doc = await retireeInScope(caller, id);
      const stored = field === 'idNumber' ? doc.idEnc : doc.phoneEnc;
      if (!stored) throw new AppError('NOT_FOUND', '登记信息里没有手机号');
      // Written before the value leaves: a read that is not logged does not happen.
      await audit(caller, {
        action: field === 'idNumber' ? 'pii.reveal.idNumber' : 'pii.reveal.phone',
        target: { collection: COLLECTIONS.retirees, id },
        subjectId: id,
        detail: { purpose, purposeText: REVEAL_PURPOSES[purpose] },
      });
      return { value: decryptPii(pii(), stored) };
    },
  }),
};

function escapeRegExp(s: string) {
  // A NUL may not stand in a stored pattern (BSON): written as \x00 it still means itself.
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('\u0000', '\\x00');
}

import { accountSchemas, type Me, type MyData, PRIVACY_VERSION } from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, EVERYONE } from '../_lib/defineFunction';
import { AppError, isDuplicateKey, unauthenticated } from '../_lib/errors';
import { type LinkDoc, links, toLink } from '../_lib/links';
import { getRetiree, retirees, toSummary } from '../_lib/retirees';
import { now } from '../_lib/time';
import { getUser, refreshRole, users } from '../_lib/users';
import { toAuditRecord } from './auditLog';

export async function privacyAccepted(identity: string | null): Promise<boolean> {
  if (!identity) return false;
  const { total } = await db().collection(COLLECTIONS.consents).where({ identity, kind: 'privacy', version: PRIVACY_VERSION }).count();
  return total > 0;
}

export async function requirePrivacy(caller: Caller) {
  if (!(await privacyAccepted(caller.identity))) {
    throw new AppError('FORBIDDEN', '请先阅读并同意《隐私保护指引》，再继续');
  }
}

/** Who the caller is, what they are bound to, whom they help. */
export async function describe(caller: Caller): Promise<Me> {
  const base: Me = {
    role: caller.role,
    name: caller.name,
    userId: caller.userId,
    privacyAccepted: await privacyAccepted(caller.identity),
    retiree: null,
    helping: [],
    pendingForMe: 0,
    streets: caller.role === 'staff' || caller.role === 'admin' ? caller.streets : [],
  };
  if (!caller.userId) return base;
  const user = await getUser(caller.userId);
  const mine = user?.retireeId ? await getRetiree(user.retireeId) : null;
  const { data } = await links().where({ helperUserId: caller.userId, status: 'active' }).limit(20).get();
  const pending = mine ? await links().where({ retireeId: mine._id, status: 'pending' }).count() : { total: 0 };
  return {
    ...base,
    retiree: mine ? toSummary(mine) : null,
    helping: (data as LinkDoc[]).map((l) => ({ linkId: l._id, retireeId: l.retireeId as string, name: l.elderName, relation: l.relation })),
    pendingForMe: pending.total,
  };
}

export const meActions = {
  'me.get': action({
    input: accountSchemas['me.get'],
    roles: EVERYONE,
    handler: (_input, { caller }): Promise<Me> => describe(caller),
  }),

  'me.data': action({
    input: accountSchemas['me.data'],
    roles: ['guest', 'retiree', 'family'],
    handler: async (_input, { caller }): Promise<MyData> => {
      if (!caller.identity) throw unauthenticated();
      const user = caller.userId ? await getUser(caller.userId) : null;
      const mine = user?.retireeId ? await getRetiree(user.retireeId) : null;
      const asHelper = caller.userId ? ((await links().where({ helperUserId: caller.userId }).limit(100).get()).data as LinkDoc[]) : [];
      const asElder = mine ? ((await links().where({ retireeId: mine._id }).limit(100).get()).data as LinkDoc[]) : [];
      const { data: consents } = await db().collection(COLLECTIONS.consents).where({ identity: caller.identity }).limit(100).get();
      const targets = [caller.userId, mine?._id].filter((x): x is string => !!x);
      const _ = db().command;
      const { data: log } = targets.length
        ? await db()
            .collection(COLLECTIONS.auditLog)
            .where({ subjectId: _.in(targets) })
            .orderBy('at', 'desc')
            .limit(100)
            .get()
        : { data: [] };
      return {
        account: {
          userId: caller.userId,
          role: caller.role,
          name: caller.name,
          createdAt: user?.createdAt ? new Date(user.createdAt).toISOString() : null,
        },
        retiree: mine ? toSummary(mine) : null,
        links: [...asHelper, ...asElder].map(toLink),
        consents: (consents as Array<{ kind: string; version: string; at: Date }>).map((c) => ({
          kind: c.kind,
          version: c.version,
          at: new Date(c.at).toISOString(),
        })),
        accessLog: (log as any[]).map(toAuditRecord),
      };
    },
  }),

  'me.unbind': action({
    input: accountSchemas['me.unbind'],
    roles: ['retiree'],
    handler: async (_input, { caller }): Promise<Me> => {
      const user = await getUser(caller.userId as string);
      const retireeId = user?.retireeId;
      if (!user || !retireeId) throw new AppError('CONFLICT', '您还没有绑定，不需要解除');
      // The entry first (only if still ours), then the account: a retry finishes the job.
      await retirees().where({ _id: retireeId, boundUserId: user._id }).update({ boundUserId: null, updatedAt: now() });
      await users().doc(user._id).update({ retireeId: null, updatedAt: now() });
      await refreshRole(user._id);
      await audit(caller, {
        action: 'retiree.unbind',
        target: { collection: COLLECTIONS.retirees, id: retireeId },
        detail: { userId: user._id },
      });
      const role = (await getUser(user._id))?.role ?? 'guest';
      return describe({ ...caller, role });
    },
  }),

  'privacy.accept': action({
    input: accountSchemas['privacy.accept'],
    roles: ['guest', 'retiree', 'family', 'staff', 'admin'],
    handler: async ({ version }, { caller }) => {
      try {
        await db().collection(COLLECTIONS.consents).add({ identity: caller.identity, kind: 'privacy', version, at: now() });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // already given: nothing to add
      }
      return { accepted: true as const, version };
    },
  }),
};

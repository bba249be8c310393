import {
  accountSchemas,
  BIND_ATTEMPTS_PER_DAY,
  type FamilyLink,
  type FamilyMine,
  MAX_HELPERS,
  type Page,
  type QueueItem,
  ROSTER_PAGE_SIZE,
} from '../../contract/accounts';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import { type Caller, isStaff } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { closedPairKey, getLink, type LinkDoc, links, livePairKey, toLink } from '../_lib/links';
import { takeDaily } from '../_lib/rateLimit';
import { findByIdNumber, getRetiree, inScope, type RetireeDoc, retirees, toSummary } from '../_lib/retirees';
import { now } from '../_lib/time';
import { actingFor, ensureUser, getUser, refreshRole } from '../_lib/users';
import { requirePrivacy } from './me';

/**
 * Family links: a user asks to help an elder; the elder accepts in their own WeChat, or
 * staff approve with a note (for elders without a smartphone). At most MAX_HELPERS
 * pending or active helpers per elder, counted on the roster entry inside a transaction
 * so concurrent requests cannot pass the limit. Either side, or staff, can end a link;
 * every act-for-the-elder checks the link at that moment (`actingFor`).
 */
export const LINK_SENT_MESSAGE =
  '申请已提交。如果长辈的信息与登记一致，长辈可以在自己的微信里确认；长辈没有智能手机的，请联系所在社区，由工作人员核实后办理。';

/**
 * Take one of an elder's MAX_HELPERS places: a conditional increment on the roster entry,
 * so concurrent requests cannot pass the limit (no transaction: under contention those
 * would conflict and give up). A count left too high by a crash between taking a place
 * and writing the link is repaired from the links themselves when the limit is hit.
 */
async function takePlace(retireeId: string): Promise<boolean> {
  const _ = db().command;
  for (let i = 0; i < 2; i++) {
    const res = (await retirees()
      .where({ _id: retireeId, helperCount: _.lt(MAX_HELPERS) })
      .update({ helperCount: _.inc(1) })) as { updated: number };
    if (res.updated === 1) return true;
    const entry = await getRetiree(retireeId);
    if (!entry) return false;
    if (entry.helperCount === undefined) {
      await retirees()
        .where({ _id: retireeId, helperCount: _.exists(false) })
        .update({ helperCount: 0 });
      continue;
    }
    const { total: live } = await links()
      .where({ retireeId, status: _.in(['pending', 'active']) })
      .count();
    if (live >= entry.helperCount) return false; // really full
    await retirees().where({ _id: retireeId, helperCount: entry.helperCount }).update({ helperCount: live });
  }
  return false;
}

async function givePlaceBack(retireeId: string | null) {
  if (!retireeId) return;
  const _ = db().command;
  await retirees()
    .where({ _id: retireeId, helperCount: _.gt(0) })
    .update({ helperCount: _.inc(-1) });
}

/** Close a live link (refused or ended) and give its place back. */
async function closeLink(
  link: LinkDoc,
  status: 'refused' | 'ended',
  by: string | null,
  extra: Record<string, unknown> = {},
): Promise<LinkDoc> {
  const _ = db().command;
  const at = now();
  const changes = { status, pairKey: closedPairKey(link._id), endedAt: at, endedBy: by, updatedAt: at, ...extra };
  const res = (await links()
    .where({ _id: link._id, status: _.in(['pending', 'active']) })
    .update(changes)) as { updated: number };
  if (res.updated !== 1) throw new AppError('CONFLICT', '这条关系已经结束了');
  await givePlaceBack(link.retireeId);
  await refreshRole(link.helperUserId);
  return { ...link, ...changes } as LinkDoc;
}

async function myRetireeId(caller: Caller): Promise<string | null> {
  if (!caller.userId) return null;
  return (await getUser(caller.userId))?.retireeId ?? null;
}

export const familyActions = {
  'family.request': action({
    input: accountSchemas['family.request'],
    roles: ['guest', 'retiree', 'family'],
    handler: async ({ elderName, idNumber, relation, helperName, requestId }, { caller }) => {
      await requirePrivacy(caller);
      const requestKey = `${caller.identity}:${requestId}`;
      const { total: already } = await links().where({ requestKey }).count();
      if (already) return { message: LINK_SENT_MESSAGE };
      if (!(await takeDaily(`link:user:${caller.identity}`, BIND_ATTEMPTS_PER_DAY))) {
        throw new AppError('TOO_MANY', '今天提交的申请太多了，请明天再试，或拨打中心电话求助');
      }
      const user = await ensureUser(caller, helperName);
      const found = await findByIdNumber(idNumber);
      const elder = found && found.name === elderName ? found : null;
      if (elder && user.retireeId === elder._id) throw invalidInput('这是您本人的信息，不需要关联');
      const at = now();
      const base = {
        requestKey,
        helperUserId: user._id,
        helperName,
        elderName,
        relation,
        status: 'pending',
        approvedBy: null,
        note: null,
        createdAt: at,
        updatedAt: at,
        endedAt: null,
      };
      try {
        if (!elder) {
          // Kept like any request, so the answer and "my requests" look the same; it can never be approved.
          await links().add({ ...base, retireeId: null, street: null, pairKey: livePairKey(user._id, `unmatched:${requestKey}`) });
        } else {
          // Asked already (pending or active) in another request: refused before a place is taken, so the refusal changes nothing on the roster.
          const { total: asked } = await links()
            .where({ pairKey: livePairKey(user._id, elder._id), requestKey: db().command.neq(requestKey) })
            .count();
          if (asked) throw new AppError('CONFLICT', '您已经申请过关联这位长辈了，请在"家人帮办"里查看进度');
          if (!(await takePlace(elder._id))) {
            throw new AppError('TOO_MANY', `这位长辈已经有${MAX_HELPERS}位家属在帮办了，请先请长辈解除不再需要的家属`);
          }
          try {
            await links().add({ ...base, retireeId: elder._id, street: elder.street, pairKey: livePairKey(user._id, elder._id) });
          } catch (e) {
            await givePlaceBack(elder._id);
            throw e;
          }
        }
      } catch (e) {
        if (isDuplicateKey(e)) {
          const { total } = await links().where({ requestKey }).count();
          if (total) return { message: LINK_SENT_MESSAGE }; // the same request, raced
          throw new AppError('CONFLICT', '您已经申请过关联这位长辈了，请在"家人帮办"里查看进度');
        }
        throw e;
      }
      return { message: LINK_SENT_MESSAGE };
    },
  }),

  'family.mine': action({
    input: accountSchemas['family.mine'],
    roles: ['guest', 'retiree', 'family'],
    handler: async (_input, { caller }): Promise<FamilyMine> => {
      if (!caller.userId) return { helping: [], helpers: [] };
      const { data: helping } = await links().where({ helperUserId: caller.userId }).orderBy('createdAt', 'desc').limit(50).get();
      const mine = await myRetireeId(caller);
      const _ = db().command;
      const { data: helpers } = mine
        ? await links()
            .where({ retireeId: mine, status: _.in(['pending', 'active']) })
            .orderBy('createdAt', 'desc')
            .limit(50)
            .get()
        : { data: [] };
      return { helping: (helping as LinkDoc[]).map(toLink), helpers: (helpers as LinkDoc[]).map(toLink) };
    },
  }),

  'family.respond': action({
    input: accountSchemas['family.respond'],
    roles: ['retiree'],
    handler: async ({ linkId, accept }, { caller }): Promise<FamilyLink> => {
      const link = await getLink(linkId);
      const mine = await myRetireeId(caller);
      if (!link || !mine || link.retireeId !== mine) throw notFound('没有找到这条申请');
      if (link.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
      if (!accept) return toLink(await closeLink(link, 'refused', caller.userId));
      const at = now();
      const res = (await links()
        .where({ _id: linkId, status: 'pending' })
        .update({ status: 'active', approvedBy: 'elder', updatedAt: at })) as { updated: number };
      if (res.updated !== 1) throw new AppError('CONFLICT', '这条申请已经处理过了');
      await refreshRole(link.helperUserId);
      await audit(caller, { action: 'family.accept', target: { collection: COLLECTIONS.familyLinks, id: linkId }, subjectId: mine });
      return toLink({ ...link, status: 'active', approvedBy: 'elder', updatedAt: at });
    },
  }),

  'family.end': action({
    input: accountSchemas['family.end'],
    roles: ['guest', 'retiree', 'family', 'staff', 'admin'],
    handler: async ({ linkId }, { caller }): Promise<FamilyLink> => {
      const link = await getLink(linkId);
      if (!link) throw notFound('没有找到这条关系');
      const mine = await myRetireeId(caller);
      const isHelper = link.helperUserId === caller.userId;
      const isElder = !!mine && link.retireeId === mine;
      const isScopedStaff = isStaff(caller) && !!link.street && inScope(caller, link.street);
      if (!isHelper && !isElder && !isScopedStaff) throw notFound('没有找到这条关系');
      if (link.status !== 'pending' && link.status !== 'active') throw new AppError('CONFLICT', '这条关系已经结束了');
      const ended = await closeLink(link, 'ended', caller.userId);
      if (isStaff(caller) || isElder) {
        await audit(caller, {
          action: 'family.end',
          target: { collection: COLLECTIONS.familyLinks, id: linkId },
          subjectId: link.retireeId,
        });
      }
      return toLink(ended);
    },
  }),

  'family.elder': action({
    input: accountSchemas['family.elder'],
    roles: ['guest', 'retiree', 'family'],
    handler: async ({ retireeId }, { caller }) => {
      await actingFor(caller, retireeId);
      const entry = await getRetiree(retireeId);
      if (!entry) throw notFound('没有找到这位长辈');
      return toSummary(entry);
    },
  }),

  'family.queue': action({
    input: accountSchemas['family.queue'],
    roles: STAFF,
    handler: async ({ page }, { caller }): Promise<Page<QueueItem>> => {
      const _ = db().command;
      const where: Record<string, unknown> = { status: 'pending', street: caller.streets === 'all' ? _.neq(null) : _.in(caller.streets) };
      const { data } = await links()
        .where(where)
        .orderBy('createdAt', 'asc')
        .skip((page - 1) * ROSTER_PAGE_SIZE)
        .limit(ROSTER_PAGE_SIZE + 1)
        .get();
      const docs = (data as LinkDoc[]).slice(0, ROSTER_PAGE_SIZE);
      const ids = docs.map((d) => d.retireeId).filter((x): x is string => !!x);
      const { data: entries } = ids.length
        ? await retirees()
            .where({ _id: _.in(ids) })
            .limit(ids.length)
            .get()
        : { data: [] };
      const byId = new Map((entries as RetireeDoc[]).map((e) => [e._id, e]));
      return {
        items: docs.map((d) => {
          const e = byId.get(d.retireeId as string);
          return { ...toLink(d), street: e?.street ?? '', community: e?.community ?? '', elderIdMasked: e?.idMasked ?? '' };
        }),
        page,
        hasMore: data.length > ROSTER_PAGE_SIZE,
      };
    },
  }),

  'family.review': action({
    input: accountSchemas['family.review'],
    roles: STAFF,
    handler: async ({ linkId, accept, note }, { caller }): Promise<FamilyLink> => {
      const link = await getLink(linkId);
      if (!link?.street || !inScope(caller, link.street)) throw notFound('没有找到这条申请');
      if (link.status !== 'pending') throw new AppError('CONFLICT', '这条申请已经处理过了');
      let result: LinkDoc;
      if (accept) {
        const at = now();
        const res = (await links()
          .where({ _id: linkId, status: 'pending' })
          .update({ status: 'active', approvedBy: 'staff', reviewedBy: caller.userId, note, updatedAt: at })) as { updated: number };
        if (res.updated !== 1) throw new AppError('CONFLICT', '这条申请已经处理过了');
        await refreshRole(link.helperUserId);
        result = { ...link, status: 'active', approvedBy: 'staff', note, updatedAt: at };
      } else {
        result = await closeLink(link, 'refused', caller.userId, { reviewedBy: caller.userId, note });
      }
      await audit(caller, {
        action: accept ? 'family.approve' : 'family.refuse',
        target: { collection: COLLECTIONS.familyLinks, id: linkId },
        subjectId: link.retireeId,
        detail: { note },
      });
      return toLink(result);
    },
  }),
};

import { instantWords } from '../../contract/content';
import {
  POLICY_ANSWER_MAX,
  POLICY_PAGE_SIZE,
  type PolicyAnswerStaff,
  type PolicyParsed,
  type PolicySource,
  policySchemas,
} from '../../contract/policy';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, EVERYONE, STAFF } from '../_lib/defineFunction';
import { conflict, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { now } from '../_lib/time';
import {
  type AnswerContent,
  type AnswerDoc,
  answerPreviewNote,
  answerState,
  answers,
  contentOf,
  findAnswer,
  liveAnswerWhere,
  toStaff,
  toSummary,
  toView,
} from './answerStore';
import { feedbackCounts, feedbackNotes, myFeedback, recordFeedback } from './feedback';
import { contentChanged } from './meta';
import { READERS } from './noticeReads';
import { cleanBody, dateOrNull, liveFrom } from './publishing';
import { getVersion, history, keepVersion } from './versions';

/**
 * Policy answers: residents list, read and rate the ones in effect; staff write drafts, preview
 * them as a resident would see them, publish (now or at a time), edit (each edit keeps the version
 * it replaces), go back to an earlier version, and take answers down.
 */

type SaveInput = PolicyParsed<'policy.save'>;
const NO_FEEDBACK = { helpful: 0, notHelpful: 0 };

async function existing(id: string): Promise<AnswerDoc> {
  const doc = await findAnswer(id);
  if (!doc) throw notFound('这条问答已经不存在了');
  return doc;
}

/** Related answers must exist, and not be the answer itself. */
async function checkRelated(relatedIds: string[], selfId: string | null) {
  if (!relatedIds.length) return;
  if (selfId && relatedIds.includes(selfId)) throw invalidInput('相关问答不能选它自己');
  const _ = db().command;
  const { total } = await answers()
    .where({ _id: _.in(relatedIds) })
    .count();
  if (total !== relatedIds.length) throw invalidInput('相关问答里有一条已经不存在了，请重新选择');
}

/** The content to store from what staff sent: the answer cleaned on the server, related answers checked. */
export async function contentFrom(input: Omit<SaveInput, 'id' | 'requestId' | 'version'>, selfId: string | null): Promise<AnswerContent> {
  const cleaned = cleanBody(input.answer, '答复', POLICY_ANSWER_MAX);
  await checkRelated(input.relatedIds, selfId);
  const source: PolicySource | null = input.source ? { document: input.source.document, article: input.source.article || null } : null;
  return {
    question: input.question,
    answer: cleaned.value,
    answerFormat: cleaned.format,
    answerText: cleaned.text,
    category: input.category,
    source,
    effectiveFrom: input.effectiveFrom ?? null,
    effectiveUntil: input.effectiveUntil ?? null,
    relatedIds: input.relatedIds,
    keywords: input.keywords,
  };
}

async function findByRequest(requestKey: string): Promise<AnswerDoc | null> {
  const { data } = await answers().where({ requestKey }).limit(1).get();
  return (data[0] as AnswerDoc | undefined) ?? null;
}

/** A new draft answer; a retried create (same request key) returns the first one. */
export async function createDraft(
  content: AnswerContent,
  caller: Caller,
  requestKey: string,
  origin: AnswerDoc['origin'],
): Promise<PolicyAnswerStaff> {
  const at = now();
  const again = await findByRequest(requestKey);
  if (again) return toStaff(again, at, NO_FEEDBACK);
  const doc: Omit<AnswerDoc, '_id'> = {
    ...content,
    requestKey,
    lastRequestKey: requestKey,
    status: 'draft',
    publishAt: null,
    publishedAt: null,
    version: 1,
    origin,
    createdAt: at,
    createdBy: caller.userId,
    savedAt: at,
    updatedAt: at,
    updatedBy: caller.userId,
    updatedByName: caller.name,
  };
  try {
    const { id } = (await answers().add(doc)) as { id: string };
    await audit(caller, {
      action: 'policy.create',
      target: { collection: COLLECTIONS.policyAnswers, id },
      detail: { category: content.category, origin },
    });
    return toStaff({ ...doc, _id: id }, at, NO_FEEDBACK);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return toStaff((await findByRequest(requestKey)) as AnswerDoc, at, NO_FEEDBACK);
  }
}

/**
 * Replaces an answer's content (an edit, or a restore), keeping the version it replaces.
 * Conditional on the version read: two staff saving at once cannot overwrite each other.
 */
async function writeEdit(
  current: AnswerDoc,
  content: AnswerContent,
  caller: Caller,
  requestKey: string,
  at: Date,
  auditAction: string,
  detail: Record<string, unknown>,
): Promise<PolicyAnswerStaff> {
  await keepVersion(
    'answer',
    current._id,
    {
      version: current.version,
      snapshot: contentOf(current),
      title: current.question,
      text: current.answerText,
      savedAt: current.savedAt,
      savedByName: current.updatedByName,
    },
    caller.userId,
    at,
  );
  const patch = {
    ...content,
    version: current.version + 1,
    lastRequestKey: requestKey,
    savedAt: at,
    updatedAt: at,
    updatedBy: caller.userId,
    updatedByName: caller.name,
  };
  const res = (await answers().where({ _id: current._id, version: current.version }).update(patch)) as { updated: number };
  if (res.updated !== 1) throw conflict('这条问答刚被其他工作人员修改过，请刷新后再改');
  if (current.status === 'published') await contentChanged();
  await audit(caller, {
    action: auditAction,
    target: { collection: COLLECTIONS.policyAnswers, id: current._id },
    detail: { ...detail, version: patch.version },
  });
  const fresh = { ...current, ...patch };
  return toStaff(fresh, at, (await feedbackCounts([fresh._id])).get(fresh._id) ?? NO_FEEDBACK);
}

async function edit(input: SaveInput & { id: string }, caller: Caller): Promise<PolicyAnswerStaff> {
  const current = await existing(input.id);
  const at = now();
  const requestKey = `${caller.userId}:${input.requestId}`;
  if (current.lastRequestKey === requestKey) return toStaff(current, at, NO_FEEDBACK); // a retried edit: already applied
  if (input.version !== undefined && input.version !== current.version) throw conflict('这条问答刚被其他工作人员修改过，请刷新后再改');
  const content = await contentFrom(input, current._id);
  return writeEdit(current, content, caller, requestKey, at, 'policy.edit', {});
}

export const answerActions = {
  'policy.list': action({
    input: policySchemas['policy.list'],
    roles: EVERYONE,
    handler: async ({ category, page }) => {
      const at = now();
      const { data } = await answers()
        .where(liveAnswerWhere(at, category ? { category } : {}) as never)
        .orderBy('publishedAt', 'desc')
        .orderBy('_id', 'asc')
        .skip((page - 1) * POLICY_PAGE_SIZE)
        .limit(POLICY_PAGE_SIZE + 1)
        .field({ answer: false })
        .get();
      const docs = data as AnswerDoc[];
      return { items: docs.slice(0, POLICY_PAGE_SIZE).map(toSummary), page, hasMore: docs.length > POLICY_PAGE_SIZE };
    },
  }),

  'policy.get': action({
    input: policySchemas['policy.get'],
    roles: EVERYONE,
    handler: async ({ id }, { caller }) => {
      const at = now();
      const doc = await findAnswer(id);
      if (!doc || answerState(doc, at) !== 'live') throw notFound('这条问答不存在或已经撤下了');
      return toView(doc, at, await myFeedback(id, caller.identity));
    },
  }),

  'policy.listAll': action({
    input: policySchemas['policy.listAll'],
    roles: STAFF,
    handler: async ({ status, category, page }) => {
      const at = now();
      const where: Record<string, unknown> = {};
      if (status) where.status = status;
      if (category) where.category = category;
      const { data } = await answers()
        .where(where)
        .orderBy('updatedAt', 'desc')
        .skip((page - 1) * POLICY_PAGE_SIZE)
        .limit(POLICY_PAGE_SIZE + 1)
        .get();
      const docs = (data as AnswerDoc[]).slice(0, POLICY_PAGE_SIZE);
      const counts = await feedbackCounts(docs.map((d) => d._id));
      return {
        items: docs.map((d) => toStaff(d, at, counts.get(d._id) ?? NO_FEEDBACK)),
        page,
        hasMore: data.length > POLICY_PAGE_SIZE,
      };
    },
  }),

  'policy.load': action({
    input: policySchemas['policy.load'],
    roles: STAFF,
    handler: async ({ id }) => {
      const doc = await existing(id);
      const [counts, notes] = await Promise.all([feedbackCounts([id]), feedbackNotes(id)]);
      return { ...toStaff(doc, now(), counts.get(id) ?? NO_FEEDBACK), feedbackNotes: notes };
    },
  }),

  'policy.save': action({
    input: policySchemas['policy.save'],
    roles: STAFF,
    handler: async (input, { caller }) => {
      if (input.id) return edit({ ...input, id: input.id }, caller);
      const content = await contentFrom(input, null);
      return createDraft(content, caller, `${caller.userId}:${input.requestId}`, 'staff');
    },
  }),

  'policy.publish': action({
    input: policySchemas['policy.publish'],
    roles: STAFF,
    handler: async ({ id, publishAt: askedAt }, { caller }) => {
      const current = await existing(id);
      const at = now();
      if (current.effectiveUntil && current.effectiveUntil < shanghaiDay(at)) {
        throw invalidInput(`这条政策已于${current.effectiveUntil}失效，请先修改失效日期再发布`);
      }
      const publishAt = askedAt === undefined ? current.publishAt : dateOrNull(askedAt);
      const publishedAt = liveFrom(publishAt, current.publishedAt, at);
      const changes = { status: 'published' as const, publishAt, publishedAt, updatedAt: at, updatedBy: caller.userId };
      await answers().doc(id).update(changes);
      await contentChanged();
      await audit(caller, {
        action: 'policy.publish',
        target: { collection: COLLECTIONS.policyAnswers, id },
        detail: { publishedAt: publishedAt.toISOString() },
      });
      const fresh = { ...current, ...changes };
      return toStaff(fresh, at, (await feedbackCounts([id])).get(id) ?? NO_FEEDBACK);
    },
  }),

  'policy.unpublish': action({
    input: policySchemas['policy.unpublish'],
    roles: STAFF,
    handler: async ({ id }, { caller }) => {
      const current = await existing(id);
      const at = now();
      const changes = { status: 'unpublished' as const, updatedAt: at, updatedBy: caller.userId };
      await answers().doc(id).update(changes);
      await contentChanged();
      await audit(caller, { action: 'policy.unpublish', target: { collection: COLLECTIONS.policyAnswers, id } });
      return toStaff({ ...current, ...changes }, at, (await feedbackCounts([id])).get(id) ?? NO_FEEDBACK);
    },
  }),

  'policy.preview': action({
    input: policySchemas['policy.preview'],
    roles: STAFF,
    handler: async ({ id, version }) => {
      const doc = await existing(id);
      const at = now();
      let shown = doc;
      let note = answerPreviewNote(doc, at);
      if (version !== undefined && version !== doc.version) {
        const old = await getVersion<AnswerContent>('answer', id, version);
        if (!old) throw notFound('没有找到这个版本');
        shown = { ...doc, ...old.snapshot, version };
        note = `这是第${version}版（${instantWords(new Date(old.savedAt).toISOString())}保存），不是现在的内容。${note}`;
      }
      return { answer: await toView(shown, at), version: version ?? doc.version, visibleNow: answerState(doc, at) === 'live', note };
    },
  }),

  'policy.versions': action({
    input: policySchemas['policy.versions'],
    roles: STAFF,
    handler: async ({ id }) => {
      const doc = await existing(id);
      return history('answer', id, { version: doc.version, savedAt: doc.savedAt, savedByName: doc.updatedByName });
    },
  }),

  'policy.restore': action({
    input: policySchemas['policy.restore'],
    roles: STAFF,
    handler: async ({ id, version, requestId }, { caller }) => {
      const current = await existing(id);
      const at = now();
      const requestKey = `${caller.userId}:${requestId}`;
      if (current.lastRequestKey === requestKey) return toStaff(current, at, NO_FEEDBACK);
      if (version === current.version) throw invalidInput('这就是现在的版本');
      const old = await getVersion<AnswerContent>('answer', id, version);
      if (!old) throw notFound('没有找到这个版本');
      // Related answers deleted since are left out; everything else comes back as it was. Status and times stay.
      const _ = db().command;
      const { data } = old.snapshot.relatedIds.length
        ? await answers()
            .where({ _id: _.in(old.snapshot.relatedIds) })
            .field({ _id: true })
            .get()
        : { data: [] };
      const still = new Set((data as Array<{ _id: string }>).map((d) => d._id));
      const content = { ...old.snapshot, relatedIds: old.snapshot.relatedIds.filter((r) => still.has(r) && r !== id) };
      return writeEdit(current, content, caller, requestKey, at, 'policy.restore', { from: version });
    },
  }),

  'policy.feedback': action({
    input: policySchemas['policy.feedback'],
    roles: READERS,
    handler: async ({ id, helpful, note }, { caller }) => {
      const at = now();
      const doc = await findAnswer(id);
      if (!doc || answerState(doc, at) !== 'live') throw notFound('这条问答不存在或已经撤下了');
      const kept = note ? note : null;
      await recordFeedback(id, caller.identity as string, helpful, kept, at);
      return { helpful, note: kept };
    },
  }),
};

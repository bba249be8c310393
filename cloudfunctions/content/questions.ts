import { summaryOf } from '../../contract/content';
import { deidentify, maskNumbers } from '../../contract/deidentify';
import {
  type MyQuestion,
  OPEN_QUESTIONS_MAX,
  POLICY_QUESTION_MAX,
  type PolicyCategory,
  policySchemas,
  QUESTION_PAGE_SIZE,
  type QuestionStatus,
  type StaffQuestion,
} from '../../contract/policy';
import { COLLECTIONS } from '../../database/collections';
import { audit } from '../_lib/audit';
import type { Caller } from '../_lib/caller';
import { db } from '../_lib/cloud';
import { action, STAFF } from '../_lib/defineFunction';
import { AppError, invalidInput, isDuplicateKey, notFound } from '../_lib/errors';
import { getRetiree } from '../_lib/retirees';
import { now } from '../_lib/time';
import { getUser } from '../_lib/users';
import { contentFrom, createDraft } from './answers';
import { audienceOf } from './audience';

/**
 * Questions people ask the centre. A retiree or family member asks (at most OPEN_QUESTIONS_MAX
 * waiting at once); staff of the asker's streets read and answer privately — the asker reads the
 * answer under 我的提问, nobody else does. Staff may turn an answered question into a new draft
 * policy answer: names, ID numbers and phone numbers masked, and nothing in the answer points
 * back to the question or the person (the question keeps the draft's id, on the staff side only).
 *
 * The limit holds under a race: each waiting question takes a slot `<userId>:open:<n>` under a
 * unique index; answering frees it (`closed:<id>`).
 */
interface QuestionDoc {
  _id: string;
  requestKey: string;
  slotKey: string;
  askerUserId: string;
  askerIdentity: string;
  askerName: string;
  askerRole: 'retiree' | 'family';
  /** The asker's streets when they asked (their own, their elders'): which staff see it. */
  streets: string[];
  text: string;
  category: PolicyCategory | null;
  status: QuestionStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  lastAnswerKey: string | null;
  publishedAnswerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const questions = () => db().collection(COLLECTIONS.policyQuestions);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toMine(d: QuestionDoc): MyQuestion {
  return {
    id: d._id,
    text: d.text,
    category: d.category,
    status: d.status,
    answer: d.answer,
    answeredAt: iso(d.answeredAt),
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

function toStaffQuestion(d: QuestionDoc, whole: boolean): StaffQuestion {
  return {
    id: d._id,
    text: whole ? d.text : maskNumbers(d.text),
    category: d.category,
    status: d.status,
    askerName: d.askerName,
    askerRole: d.askerRole,
    streets: d.streets,
    answer: d.answer,
    answeredByName: d.answeredByName,
    answeredAt: iso(d.answeredAt),
    publishedAnswerId: d.publishedAnswerId,
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

async function findByRequest(requestKey: string): Promise<QuestionDoc | null> {
  const { data } = await questions().where({ requestKey }).limit(1).get();
  return (data[0] as QuestionDoc | undefined) ?? null;
}

/** A question in this staff member's streets; outside them it does not exist for them. */
async function inScope(caller: Caller, id: string): Promise<QuestionDoc> {
  const { data } = await questions().doc(id).get();
  const d = data[0] as QuestionDoc | undefined;
  if (!d || (caller.streets !== 'all' && !d.streets.some((s) => (caller.streets as string[]).includes(s)))) {
    throw notFound('没有找到这个提问');
  }
  return d;
}

/** The names known to belong to the asker: their own, their roster entry's, their elders' and helpers'. */
async function askerNames(d: QuestionDoc): Promise<string[]> {
  const names = [d.askerName];
  const user = await getUser(d.askerUserId);
  if (user?.name) names.push(user.name);
  const mine = user?.retireeId ? await getRetiree(user.retireeId) : null;
  if (mine) names.push(mine.name);
  const _ = db().command;
  const who = mine ? _.or([{ helperUserId: d.askerUserId }, { retireeId: mine._id }]) : { helperUserId: d.askerUserId };
  const { data } = await db()
    .collection(COLLECTIONS.familyLinks)
    .where(who as never)
    .field({ elderName: true, helperName: true })
    .limit(100)
    .get();
  for (const l of data as Array<{ elderName?: string; helperName?: string }>) names.push(l.elderName ?? '', l.helperName ?? '');
  return names.filter(Boolean);
}

export const questionActions = {
  'question.ask': action({
    input: policySchemas['question.ask'],
    roles: ['retiree', 'family'],
    handler: async ({ text, category, requestId }, { caller }) => {
      const userId = caller.userId as string;
      const requestKey = `${userId}:${requestId}`;
      const again = await findByRequest(requestKey);
      if (again) return toMine(again);
      const audience = await audienceOf(caller);
      const at = now();
      for (let attempt = 0; attempt <= OPEN_QUESTIONS_MAX; attempt++) {
        const { data } = await questions()
          .where({ askerUserId: userId, status: 'open' })
          .field({ slotKey: true })
          .limit(OPEN_QUESTIONS_MAX + 5)
          .get();
        const taken = new Set((data as Array<{ slotKey: string }>).map((d) => d.slotKey));
        const free = Array.from({ length: OPEN_QUESTIONS_MAX }, (_x, i) => `${userId}:open:${i + 1}`).find((k) => !taken.has(k));
        if (!free) {
          throw new AppError('TOO_MANY', `您已经有${OPEN_QUESTIONS_MAX}个问题在等工作人员答复了，答复以后才能再问；着急的话请拨打中心电话`);
        }
        const doc: Omit<QuestionDoc, '_id'> = {
          requestKey,
          slotKey: free,
          askerUserId: userId,
          askerIdentity: caller.identity as string,
          askerName: caller.name ?? '',
          askerRole: caller.role === 'family' ? 'family' : 'retiree',
          streets: audience.all ? [] : audience.streets,
          text,
          category: category ?? null,
          status: 'open',
          answer: null,
          answeredBy: null,
          answeredByName: null,
          answeredAt: null,
          lastAnswerKey: null,
          publishedAnswerId: null,
          createdAt: at,
          updatedAt: at,
        };
        try {
          const { id } = (await questions().add(doc)) as { id: string };
          return toMine({ ...doc, _id: id });
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
          // The same request raced itself (the first wins), or another question took this slot: look again.
          const first = await findByRequest(requestKey);
          if (first) return toMine(first);
        }
      }
      throw new AppError('CONFLICT', '提问的人太多了，请稍后再试');
    },
  }),

  'question.mine': action({
    input: policySchemas['question.mine'],
    roles: ['retiree', 'family'],
    handler: async (_input, { caller }) => {
      const { data } = await questions().where({ askerUserId: caller.userId }).orderBy('createdAt', 'desc').limit(100).get();
      return (data as QuestionDoc[]).map(toMine);
    },
  }),

  'question.list': action({
    input: policySchemas['question.list'],
    roles: STAFF,
    handler: async ({ status, page }, { caller }) => {
      const _ = db().command;
      const where: Record<string, unknown> = {};
      if (status) where.status = status;
      if (caller.streets !== 'all') where.streets = _.in(caller.streets);
      // Waiting questions first, oldest first (they have waited longest); answered ones newest first.
      let q = questions().where(where);
      q = status === 'answered' ? q.orderBy('answeredAt', 'desc') : q.orderBy('status', 'desc').orderBy('createdAt', 'asc');
      const { data } = await q
        .skip((page - 1) * QUESTION_PAGE_SIZE)
        .limit(QUESTION_PAGE_SIZE + 1)
        .get();
      const docs = data as QuestionDoc[];
      return {
        items: docs.slice(0, QUESTION_PAGE_SIZE).map((d) => toStaffQuestion(d, false)),
        page,
        hasMore: docs.length > QUESTION_PAGE_SIZE,
      };
    },
  }),

  'question.get': action({
    input: policySchemas['question.get'],
    roles: STAFF,
    handler: async ({ id }, { caller }) => {
      const d = await inScope(caller, id);
      // Read whole by staff: recorded before answering, under the asker (they see it among their data).
      await audit(caller, {
        action: 'question.read',
        target: { collection: COLLECTIONS.policyQuestions, id },
        subjectId: d.askerUserId,
      });
      return toStaffQuestion(d, true);
    },
  }),

  'question.answer': action({
    input: policySchemas['question.answer'],
    roles: STAFF,
    handler: async ({ id, answer, requestId }, { caller }) => {
      const d = await inScope(caller, id);
      const key = `${caller.userId}:${requestId}`;
      if (d.lastAnswerKey === key) return toStaffQuestion(d, true); // a retried answer: already applied
      const at = now();
      const changes = {
        status: 'answered' as const,
        slotKey: `closed:${id}`,
        answer,
        answeredBy: caller.userId,
        answeredByName: caller.name,
        answeredAt: at,
        lastAnswerKey: key,
        updatedAt: at,
      };
      await questions().doc(id).update(changes);
      await audit(caller, {
        action: d.status === 'answered' ? 'question.reanswer' : 'question.answer',
        target: { collection: COLLECTIONS.policyQuestions, id },
        subjectId: d.askerUserId,
      });
      return toStaffQuestion({ ...d, ...changes }, true);
    },
  }),

  'question.publish': action({
    input: policySchemas['question.publish'],
    roles: STAFF,
    handler: async ({ id, category }, { caller }) => {
      const d = await inScope(caller, id);
      if (d.status !== 'answered' || !d.answer) throw invalidInput('请先答复这个问题，再把它整理成公开的问答');
      const chosen = category ?? d.category;
      if (!chosen) throw invalidInput('请选择分类');
      const names = await askerNames(d);
      const masked = deidentify(d.text, names);
      const content = await contentFrom(
        {
          question: masked.length > POLICY_QUESTION_MAX ? summaryOf(masked, POLICY_QUESTION_MAX - 1) : masked,
          answer: deidentify(d.answer, names),
          category: chosen,
          source: null,
          effectiveFrom: null,
          effectiveUntil: null,
          relatedIds: [],
          keywords: [],
        },
        null,
      );
      // One draft per question, however often (or by however many staff at once) this is pressed.
      const draft = await createDraft(content, caller, `question:${id}`, 'question');
      if (d.publishedAnswerId !== draft.id) {
        await questions().doc(id).update({ publishedAnswerId: draft.id, updatedAt: now() });
        await audit(caller, {
          action: 'question.publish',
          target: { collection: COLLECTIONS.policyQuestions, id },
          subjectId: d.askerUserId,
          detail: { answerId: draft.id },
        });
      }
      return draft;
    },
  }),
};

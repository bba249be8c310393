import { CONTENT_STATE_WORDS, type ContentState, instantWords, type RichTextFormat, summaryOf } from '../../contract/content';
import type {
  FeedbackCounts,
  PolicyAnswerStaff,
  PolicyAnswerSummary,
  PolicyAnswerView,
  PolicyCategory,
  PolicySource,
  PolicyStatus,
} from '../../contract/policy';
import { shanghaiDay } from '../../contract/time';
import { COLLECTIONS } from '../../database/collections';
import { db } from '../_lib/cloud';

/**
 * Policy answers as stored, and which of them residents see. An answer is *live* when it is
 * published, its `publishedAt` has come, and today (UTC+8) lies within its effective dates
 * (`effectiveFrom` … `effectiveUntil`, both days, both optional). Like notices, this is decided
 * when an answer is read, so publish-at and the effective dates need no timer.
 */
export interface AnswerContent {
  question: string;
  answer: string;
  answerFormat: RichTextFormat;
  answerText: string;
  category: PolicyCategory;
  source: PolicySource | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  relatedIds: string[];
  keywords: string[];
}

export interface AnswerDoc extends AnswerContent {
  _id: string;
  /** "<userId>:<requestId>" of the create; unique. */
  requestKey: string;
  /** The same of the last edit applied: a retried edit is not applied twice. */
  lastRequestKey: string;
  status: PolicyStatus;
  publishAt: Date | null;
  publishedAt: Date | null;
  version: number;
  origin: 'staff' | 'question';
  createdAt: Date;
  createdBy: string | null;
  savedAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  updatedByName: string | null;
}

export const answers = () => db().collection(COLLECTIONS.policyAnswers);

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export async function findAnswer(id: string): Promise<AnswerDoc | null> {
  const { data } = await answers().doc(id).get();
  return (data[0] as AnswerDoc | undefined) ?? null;
}

export function answerState(d: Pick<AnswerDoc, 'status' | 'publishedAt' | 'effectiveFrom' | 'effectiveUntil'>, at: Date): ContentState {
  if (d.status === 'draft') return 'draft';
  if (d.status === 'unpublished') return 'unpublished';
  if (!d.publishedAt || new Date(d.publishedAt).getTime() > at.getTime()) return 'scheduled';
  const today = shanghaiDay(at);
  if (d.effectiveFrom && d.effectiveFrom > today) return 'notYetEffective';
  if (d.effectiveUntil && d.effectiveUntil < today) return 'expired';
  return 'live';
}

/** The query for answers live now (the same rule as `answerState(...) === 'live'`). */
export function liveAnswerWhere(at: Date, extra: Record<string, unknown> = {}) {
  const _ = db().command;
  const today = shanghaiDay(at);
  return _.and([
    { status: 'published', publishedAt: _.lte(at), ...extra },
    _.or([{ effectiveFrom: null }, { effectiveFrom: _.lte(today) }]),
    _.or([{ effectiveUntil: null }, { effectiveUntil: _.gte(today) }]),
  ] as never[]);
}

export function toSummary(d: AnswerDoc): PolicyAnswerSummary {
  return { id: d._id, question: d.question, category: d.category, summary: summaryOf(d.answerText), publishedAt: iso(d.publishedAt) };
}

/**
 * An answer as a resident sees it. Related answers are those of `relatedIds` live now, in the
 * order staff chose. The same function makes the staff preview, so the preview is what a resident
 * would see.
 */
export async function toView(d: AnswerDoc, at: Date, myFeedback: PolicyAnswerView['myFeedback'] = null): Promise<PolicyAnswerView> {
  let related: PolicyAnswerView['related'] = [];
  if (d.relatedIds.length) {
    const _ = db().command;
    const { data } = await answers()
      .where({ _id: _.in(d.relatedIds) })
      .field({ question: true, status: true, publishedAt: true, effectiveFrom: true, effectiveUntil: true })
      .limit(d.relatedIds.length)
      .get();
    const live = new Map((data as AnswerDoc[]).filter((r) => answerState(r, at) === 'live').map((r) => [r._id, r.question]));
    related = d.relatedIds.filter((id) => live.has(id)).map((id) => ({ id, question: live.get(id) as string }));
  }
  return {
    id: d._id,
    question: d.question,
    answer: d.answer,
    answerFormat: d.answerFormat,
    answerText: d.answerText,
    category: d.category,
    source: d.source,
    effectiveFrom: d.effectiveFrom,
    effectiveUntil: d.effectiveUntil,
    related,
    keywords: d.keywords,
    publishedAt: iso(d.publishedAt),
    updatedAt: new Date(d.updatedAt).toISOString(),
    myFeedback,
  };
}

export function toStaff(d: AnswerDoc, at: Date, feedback: FeedbackCounts): PolicyAnswerStaff {
  const state = answerState(d, at);
  return {
    id: d._id,
    question: d.question,
    answer: d.answer,
    answerFormat: d.answerFormat,
    answerText: d.answerText,
    category: d.category,
    source: d.source,
    effectiveFrom: d.effectiveFrom,
    effectiveUntil: d.effectiveUntil,
    relatedIds: d.relatedIds,
    keywords: d.keywords,
    status: d.status,
    state,
    stateWords: CONTENT_STATE_WORDS[state],
    publishAt: iso(d.publishAt),
    publishedAt: iso(d.publishedAt),
    version: d.version,
    origin: d.origin,
    feedback,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

export function contentOf(d: AnswerDoc): AnswerContent {
  return {
    question: d.question,
    answer: d.answer,
    answerFormat: d.answerFormat,
    answerText: d.answerText,
    category: d.category,
    source: d.source,
    effectiveFrom: d.effectiveFrom,
    effectiveUntil: d.effectiveUntil,
    relatedIds: d.relatedIds,
    keywords: d.keywords,
  };
}

/** The sentence a preview shows above an answer: can residents see it now, and if not, why. */
export function answerPreviewNote(d: AnswerDoc, at: Date): string {
  switch (answerState(d, at)) {
    case 'draft':
      return '这是草稿，居民还看不到。发布以后才能查到。';
    case 'unpublished':
      return '这条问答已撤下，居民看不到。';
    case 'scheduled':
      return d.publishedAt
        ? `定时发布：${instantWords(new Date(d.publishedAt).toISOString())}起居民才能看到。`
        : '还没有发布，居民看不到。';
    case 'notYetEffective':
      return `政策从${d.effectiveFrom}起施行，到那天居民才能看到。`;
    case 'expired':
      return `政策已于${d.effectiveUntil}失效，居民已经看不到了。`;
    default:
      return '居民现在能看到，也能查到。';
  }
}

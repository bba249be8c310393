import { z } from 'zod';
import { requestIdSchema } from './common';
import { type ContentState, dayField, instantField, type RichTextFormat, richTextField } from './content';

export type { ContentHistory, ContentVersion } from './content';

/**
 * Policy answers (政策问答), "did this help?" feedback, questions people ask the centre, and
 * search: the inputs of the `content` function's `policy.*` and `question.*` actions (zod,
 * Chinese messages) and what they answer.
 */

/** The categories seen in the sources (a district retiree centre, a civil-affairs press conference). */
export const POLICY_CATEGORIES = [
  '资格认证',
  '养老金发放',
  '丧葬抚恤和慰问金',
  '档案',
  '老年助餐',
  '社会救助（低保/特困）',
  '城乡居民养老保险',
  '残疾人服务',
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export const POLICY_QUESTION_MAX = 100;
export const POLICY_ANSWER_MAX = 5000;
export const POLICY_PAGE_SIZE = 20;
export const POLICY_RELATED_MAX = 10;
export const POLICY_KEYWORDS_MAX = 20;
export const FEEDBACK_NOTE_MAX = 100;
/** Questions waiting for an answer that one person may have at once. */
export const OPEN_QUESTIONS_MAX = 5;
export const QUESTION_TEXT_MIN = 5;
export const QUESTION_TEXT_MAX = 500;
export const QUESTION_ANSWER_MAX = 2000;
export const QUESTION_PAGE_SIZE = 20;
export const SEARCH_QUERY_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 10;

const answerId = z.string({ error: '缺少问答编号' }).min(1, '缺少问答编号').max(64, '问答编号不对');
const questionId = z.string({ error: '缺少提问编号' }).min(1, '缺少提问编号').max(64, '提问编号不对');
const page = z.number({ error: '页码不对' }).int('页码不对').min(1, '页码不对').max(1000, '页码不对').default(1);
const category = z.enum(POLICY_CATEGORIES, { error: '请选择分类' });
const versionNo = z.number({ error: '请选择版本' }).int('版本不对').min(1, '版本不对');

export const sourceSchema = z
  .object({
    document: z.string({ error: '请填写政策文件名称' }).trim().min(2, '请填写政策文件名称').max(100, '政策文件名称不能超过100个字'),
    article: z.string({ error: '条款不对' }).trim().max(50, '条款不能超过50个字').nullable().optional(),
  })
  .strict();

const keyword = z.string({ error: '关键词不对' }).trim().min(1, '关键词不能是空的').max(20, '每个关键词不能超过20个字');

const answerFields = z
  .object({
    /** Absent: a new answer (a draft). Present: edit that answer, whatever its status. */
    id: answerId.optional(),
    requestId: requestIdSchema,
    question: z
      .string({ error: '请填写问题' })
      .trim()
      .min(4, '问题至少4个字')
      .max(POLICY_QUESTION_MAX, `问题不能超过${POLICY_QUESTION_MAX}个字`),
    answer: richTextField('答复', POLICY_ANSWER_MAX),
    category,
    source: sourceSchema.nullable().optional(),
    /** The day the policy takes effect, and its last day in effect; the answer is shown only in between. */
    effectiveFrom: dayField('施行日期').nullable().optional(),
    effectiveUntil: dayField('失效日期').nullable().optional(),
    relatedIds: z
      .array(answerId, { error: '相关问答不对' })
      .max(POLICY_RELATED_MAX, `相关问答最多${POLICY_RELATED_MAX}条`)
      .default([])
      .transform((xs) => [...new Set(xs)]),
    keywords: z
      .array(keyword, { error: '关键词不对' })
      .max(POLICY_KEYWORDS_MAX, `关键词最多${POLICY_KEYWORDS_MAX}个`)
      .default([])
      .transform((xs) => [...new Set(xs)]),
    /** The version the form was opened at; another save since then answers CONFLICT. */
    version: versionNo.optional(),
  })
  .strict()
  .refine((a) => !a.effectiveFrom || !a.effectiveUntil || a.effectiveFrom <= a.effectiveUntil, {
    message: '失效日期不能早于施行日期',
    path: ['effectiveUntil'],
  });

export const policySchemas = {
  /** Everyone: the answers in effect, newest first, optionally of one category. */
  'policy.list': z.object({ category: category.optional(), page }).strict(),
  /** Everyone: one answer in effect, with its related answers and the caller's own feedback. */
  'policy.get': z.object({ id: answerId }).strict(),
  /** Staff: every answer, newest edit first, with feedback counts. */
  'policy.listAll': z
    .object({
      status: z.enum(['draft', 'published', 'unpublished'], { error: '状态不对' }).optional(),
      category: category.optional(),
      page,
    })
    .strict(),
  /** Staff: one answer with everything the editor needs. */
  'policy.load': z.object({ id: answerId }).strict(),
  /** Staff: create (a draft) or edit an answer; each edit keeps the previous version. */
  'policy.save': answerFields,
  /** Staff: publish now, or at `publishAt`. */
  'policy.publish': z.object({ id: answerId, publishAt: instantField('发布时间').nullable().optional() }).strict(),
  /** Staff: take an answer down. */
  'policy.unpublish': z.object({ id: answerId }).strict(),
  /** Staff: an answer (or one of its earlier versions) exactly as a retiree would see it. */
  'policy.preview': z.object({ id: answerId, version: versionNo.optional() }).strict(),
  /** Staff: the versions an answer has had. */
  'policy.versions': z.object({ id: answerId }).strict(),
  /** Staff: make an earlier version the current one (itself saved as a new version). */
  'policy.restore': z.object({ id: answerId, version: versionNo, requestId: requestIdSchema }).strict(),
  /** Signed in: did this answer help? One per person per answer; answering again changes it. */
  'policy.feedback': z
    .object({
      id: answerId,
      helpful: z.boolean({ error: '请选择有没有帮助' }),
      note: z.string({ error: '留言不对' }).trim().max(FEEDBACK_NOTE_MAX, `留言不能超过${FEEDBACK_NOTE_MAX}个字`).nullable().optional(),
    })
    .strict(),
  /** Everyone: search answers and notices in plain words (pinyin initials, synonyms, a wrong character). */
  'policy.search': z
    .object({
      q: z
        .string({ error: '请输入要查的内容' })
        .trim()
        .min(1, '请输入要查的内容')
        .max(SEARCH_QUERY_MAX, `要查的内容不能超过${SEARCH_QUERY_MAX}个字`),
      kind: z.enum(['answer', 'notice'], { error: '查找范围不对' }).optional(),
      limit: z.number({ error: '条数不对' }).int('条数不对').min(1, '条数不对').max(30, '条数不对').default(SEARCH_LIMIT_DEFAULT),
    })
    .strict(),

  /** A retiree or family member asks the centre (at most OPEN_QUESTIONS_MAX waiting at once). */
  'question.ask': z
    .object({
      text: z
        .string({ error: '请写下您的问题' })
        .trim()
        .min(QUESTION_TEXT_MIN, `请把问题写清楚一些（至少${QUESTION_TEXT_MIN}个字）`)
        .max(QUESTION_TEXT_MAX, `问题不能超过${QUESTION_TEXT_MAX}个字`),
      category: category.nullable().optional(),
      requestId: requestIdSchema,
    })
    .strict(),
  /** The asker: their questions and the centre's answers. */
  'question.mine': z.object({}).strict(),
  /** Staff: questions from their streets, waiting first (numbers in the text masked). */
  'question.list': z.object({ status: z.enum(['open', 'answered'], { error: '状态不对' }).optional(), page }).strict(),
  /** Staff: one question whole (audited). */
  'question.get': z.object({ id: questionId }).strict(),
  /** Staff: answer privately (only the asker sees it); answering again corrects it. */
  'question.answer': z
    .object({
      id: questionId,
      answer: z
        .string({ error: '请填写答复' })
        .trim()
        .min(2, '请填写答复')
        .max(QUESTION_ANSWER_MAX, `答复不能超过${QUESTION_ANSWER_MAX}个字`),
      requestId: requestIdSchema,
    })
    .strict(),
  /** Staff: a new draft policy answer from an answered question, names and numbers masked. */
  'question.publish': z.object({ id: questionId, category: category.optional(), requestId: requestIdSchema }).strict(),
} as const;

export type PolicyInput<A extends keyof typeof policySchemas> = z.input<(typeof policySchemas)[A]>;
export type PolicyParsed<A extends keyof typeof policySchemas> = z.output<(typeof policySchemas)[A]>;

export type PolicyStatus = 'draft' | 'published' | 'unpublished';

export interface PolicySource {
  document: string;
  article: string | null;
}

/** An answer as a retiree sees it. */
export interface PolicyAnswerView {
  id: string;
  question: string;
  /** As stored: the author's plain text, or sanitised HTML; see `answerFormat`. */
  answer: string;
  answerFormat: RichTextFormat;
  /** The words alone, for reading aloud. */
  answerText: string;
  category: PolicyCategory;
  source: PolicySource | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  /** Related answers a reader can open now. */
  related: Array<{ id: string; question: string }>;
  keywords: string[];
  publishedAt: string | null;
  updatedAt: string;
  /** The caller's own "did this help?" (signed in), else null. */
  myFeedback: { helpful: boolean; note: string | null } | null;
}

export interface PolicyAnswerSummary {
  id: string;
  question: string;
  category: PolicyCategory;
  summary: string;
  publishedAt: string | null;
}

export interface PolicyAnswerPage {
  items: PolicyAnswerSummary[];
  page: number;
  hasMore: boolean;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

/** An answer as staff edit it. */
export interface PolicyAnswerStaff {
  id: string;
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
  status: PolicyStatus;
  state: ContentState;
  stateWords: string;
  publishAt: string | null;
  publishedAt: string | null;
  version: number;
  /** `question`: made from a question someone asked (who asked is never shown). */
  origin: 'staff' | 'question';
  feedback: FeedbackCounts;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyAnswerStaffPage {
  items: PolicyAnswerStaff[];
  page: number;
  hasMore: boolean;
}

/** `policy.load`: the answer, and the latest notes left with "did this help?". */
export interface PolicyAnswerLoaded extends PolicyAnswerStaff {
  feedbackNotes: Array<{ helpful: boolean; note: string; at: string }>;
}

export interface PolicyPreview {
  answer: PolicyAnswerView;
  version: number;
  visibleNow: boolean;
  /** "草稿：居民还看不到。" etc. */
  note: string;
}

export interface PolicySearchHit {
  id: string;
  kind: 'answer' | 'notice';
  score: number;
  /** Matches wrapped in [[ ]]. */
  titleMarked: string;
  snippetMarked: string;
  category: string | null;
}

/** When a search finds nothing, what to do next: call the centre, or ask. */
export interface SearchNextStep {
  message: string;
  centreName: string;
  centrePhone: string;
  /** The caller may ask a question now (a retiree or family member). */
  canAsk: boolean;
  askHint: string;
}

export interface PolicySearchResult {
  query: string;
  hits: PolicySearchHit[];
  nextStep: SearchNextStep | null;
}

export type QuestionStatus = 'open' | 'answered';

export interface MyQuestion {
  id: string;
  text: string;
  category: PolicyCategory | null;
  status: QuestionStatus;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface StaffQuestion {
  id: string;
  /** Masked in lists (ID and phone numbers); whole from `question.get`. */
  text: string;
  category: PolicyCategory | null;
  status: QuestionStatus;
  askerName: string;
  askerRole: 'retiree' | 'family';
  streets: string[];
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  /** The draft policy answer made from it, if any. */
  publishedAnswerId: string | null;
  createdAt: string;
}

export interface StaffQuestionPage {
  items: StaffQuestion[];
  page: number;
  hasMore: boolean;
}

import { type PolicyAnswerStaff, type PolicyCategory, policySchemas } from '@contract/policy';
import { isDay } from '@contract/recurrence';
import { placeError } from '@/lib/formErrors';
import type { SaveAnswerInput } from './api/save-answer';
import { bodyForEditing, bodyToSend } from './richText';
import { keywordsOf } from './words';

/**
 * The answer editor's form: what staff type (text, as typed), how it becomes a `policy.save`
 * input, and which field a problem belongs to — by the schema issue's path on the phone, or by
 * the words of the server's refusal.
 */
export interface AnswerForm {
  question: string;
  answer: string;
  category: PolicyCategory | null;
  sourceDocument: string;
  sourceArticle: string;
  effectiveFrom: string;
  effectiveUntil: string;
  relatedIds: string[];
  keywords: string;
}

export type AnswerField = Exclude<keyof AnswerForm, 'relatedIds'> | 'related' | 'form';
export type AnswerErrors = Partial<Record<AnswerField, string>>;

export function emptyAnswerForm(): AnswerForm {
  return {
    question: '',
    answer: '',
    category: null,
    sourceDocument: '',
    sourceArticle: '',
    effectiveFrom: '',
    effectiveUntil: '',
    relatedIds: [],
    keywords: '',
  };
}

export function answerFormOf(a: PolicyAnswerStaff): AnswerForm {
  return {
    question: a.question,
    answer: bodyForEditing(a.answer, a.answerFormat),
    category: a.category,
    sourceDocument: a.source?.document ?? '',
    sourceArticle: a.source?.article ?? '',
    effectiveFrom: a.effectiveFrom ?? '',
    effectiveUntil: a.effectiveUntil ?? '',
    relatedIds: a.relatedIds,
    keywords: a.keywords.join('，'),
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function answerInputOf(f: AnswerForm, requestId: string, existing?: { id: string; version: number }): SaveAnswerInput {
  const document = f.sourceDocument.trim();
  const article = f.sourceArticle.trim();
  const input = {
    ...(existing ? { id: existing.id, version: existing.version } : {}),
    requestId,
    question: f.question,
    answer: bodyToSend(f.answer),
    category: f.category ?? undefined,
    // An article without its document is sent as is, so the schema asks for the document.
    source: document || article ? { document, article: article || null } : null,
    effectiveFrom: blankToNull(f.effectiveFrom),
    effectiveUntil: blankToNull(f.effectiveUntil),
    relatedIds: f.relatedIds,
    keywords: keywordsOf(f.keywords),
  };
  // A missing category is left for the schema to name (请选择分类); the cast only hides `undefined`.
  return input as SaveAnswerInput;
}

const TOP_KEYS: Record<string, AnswerField> = {
  question: 'question',
  answer: 'answer',
  category: 'category',
  effectiveFrom: 'effectiveFrom',
  effectiveUntil: 'effectiveUntil',
  relatedIds: 'related',
  keywords: 'keywords',
};

function fieldOfIssue(path: ReadonlyArray<PropertyKey>): AnswerField {
  const [top, sub] = path.map(String);
  if (top === 'source') return sub === 'article' ? 'sourceArticle' : 'sourceDocument';
  return TOP_KEYS[top] ?? 'form';
}

/** The schema's own check on the phone: the first problem of each field, before anything is sent. */
export function checkAnswerForm(input: SaveAnswerInput): AnswerErrors {
  const checked = policySchemas['policy.save'].safeParse(input);
  if (checked.success) return {};
  const errors: AnswerErrors = {};
  for (const issue of checked.error.issues) errors[fieldOfIssue(issue.path)] ??= issue.message;
  // zod checks the dates' order only once every field is right; say it now, with the rest.
  const { effectiveFrom: from, effectiveUntil: until } = input;
  if (!errors.effectiveFrom && from && until && isDay(from) && isDay(until) && from > until) {
    errors.effectiveUntil ??= '失效日期不能早于施行日期';
  }
  return errors;
}

/** The server's words name the field they are about (order matters: 相关问答 before 问答, 答复 before 问题). */
const SERVER_WORDS: Record<Exclude<AnswerField, 'form'>, string[]> = {
  related: ['相关问答'],
  answer: ['答复'],
  question: ['问题'],
  category: ['分类'],
  sourceDocument: ['政策文件'],
  sourceArticle: ['条款'],
  effectiveUntil: ['失效日期'],
  effectiveFrom: ['施行日期'],
  keywords: ['关键词'],
};

export function placeAnswerError(error: unknown): { field: AnswerField | null; message: string } {
  return placeError(error, SERVER_WORDS);
}

import type { PolicyCategory, PolicyStatus, QuestionStatus } from '@contract/policy';

/**
 * Query keys of the staff's content pages. Invalidating `answers` refreshes every answer list,
 * editor and preview; `questions` the questions (a question read whole is never fetched again by
 * itself: each read is audited).
 */
export const contentStaffKeys = {
  answers: ['content-staff', 'answers'] as const,
  answerList: (status: PolicyStatus | undefined, category: PolicyCategory | undefined) =>
    [...contentStaffKeys.answers, 'list', status ?? 'all', category ?? 'all'] as const,
  answer: (id: string) => [...contentStaffKeys.answers, 'one', id] as const,
  answerPreview: (id: string, version: number | undefined) => [...contentStaffKeys.answers, 'preview', id, version ?? 'current'] as const,
  answerVersions: (id: string) => [...contentStaffKeys.answers, 'versions', id] as const,
  notices: ['content-staff', 'notices'] as const,
  noticeList: () => [...contentStaffKeys.notices, 'list'] as const,
  noticePreview: (id: string, version: number | undefined) => [...contentStaffKeys.notices, 'preview', id, version ?? 'current'] as const,
  noticeVersions: (id: string) => [...contentStaffKeys.notices, 'versions', id] as const,
  questions: ['content-staff', 'questions'] as const,
  questionList: (status: QuestionStatus | undefined) => [...contentStaffKeys.questions, 'list', status ?? 'all'] as const,
  question: (id: string) => ['content-staff', 'question', id] as const,
};

import type { PolicyCategory } from '@contract/policy';

/** Query keys of policy answers and questions; feedback and questions invalidate their own parts. */
export const policyKeys = {
  all: ['policy'] as const,
  /** `category` undefined: every category, newest first. */
  list: (category: PolicyCategory | undefined) => ['policy', 'list', category ?? 'all'] as const,
  detail: (id: string) => ['policy', 'detail', id] as const,
  search: (q: string) => ['policy', 'search', q] as const,
  myQuestions: () => ['policy', 'my-questions'] as const,
};

/** Query keys of the notices domain; invalidating `noticeKeys.all` refreshes every list and detail. */
export const noticeKeys = {
  all: ['notices'] as const,
  published: () => ['notices', 'published'] as const,
  everything: () => ['notices', 'everything'] as const,
  detail: (id: string) => ['notices', 'detail', id] as const,
  unread: () => ['notices', 'unread'] as const,
};

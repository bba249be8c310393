export const importKeys = {
  all: ['roster-imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
};

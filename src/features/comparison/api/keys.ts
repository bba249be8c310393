export const comparisonKeys = {
  all: ['comparison'] as const,
  jobs: () => [...comparisonKeys.all, 'jobs'] as const,
  verification: (page: number) => [...comparisonKeys.all, 'verification', page] as const,
};

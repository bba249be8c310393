export const reportKeys = {
  all: ['certification-reports'] as const,
  stats: (street: string | undefined) => [...reportKeys.all, 'stats', street ?? 'all'] as const,
  runs: () => [...reportKeys.all, 'scheduler-runs'] as const,
};

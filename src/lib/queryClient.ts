import { QueryClient } from '@tanstack/react-query';
import { CloudCallError } from '@/services/cloudError';

/** Errors that a second try will not fix: show them at once. */
const FINAL_CODES = new Set(['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'UNKNOWN_ACTION']);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 1 && !(error instanceof CloudCallError && FINAL_CODES.has(error.code)),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

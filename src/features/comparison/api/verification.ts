import type { VerificationEntry, VerificationPage } from '@contract/comparison';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { comparisonKeys } from './keys';

export const listVerification = (page: number): Promise<VerificationPage> => call('comparison', 'verification.list', { page });

/** Fetched again whenever the page shows it: colleagues settle entries too. */
export const useVerificationList = (page: number) =>
  useQuery({ queryKey: comparisonKeys.verification(page), queryFn: () => listVerification(page), refetchOnMount: 'always' });

export interface SettleInput {
  retireeId: string;
  outcome: 'alive' | 'confirmed';
  note: string;
  requestId: string;
}

export const settleVerification = (input: SettleInput): Promise<VerificationEntry> => call('comparison', 'verification.settle', input);

export function useSettleVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: settleVerification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: comparisonKeys.all }),
  });
}

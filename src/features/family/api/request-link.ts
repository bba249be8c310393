import type { AccountInput } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '@/features/account/api/keys';
import { call } from '@/services/cloud';
import { familyKeys } from './keys';

export type RequestLinkInput = AccountInput<'family.request'>;

/** Ask to help an elder. The answer reads the same whether or not the elder is on the roster. */
export const requestLink = (input: RequestLinkInput): Promise<{ message: string }> => call('account', 'family.request', input);

export const useRequestLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestLink,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
};

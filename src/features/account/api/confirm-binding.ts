import type { AccountInput, Me } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { familyKeys } from '@/features/family/api/keys';
import { call } from '@/services/cloud';
import { accountKeys } from './keys';

export type ConfirmBindingInput = AccountInput<'bind.confirm'>;

/** Step 2 of binding: the 6-digit code. Resolves who I am now (a retiree, with my name). */
export const confirmBinding = (input: ConfirmBindingInput): Promise<Me> => call('account', 'bind.confirm', input);

export const useConfirmBinding = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmBinding,
    onSuccess: async (me) => {
      queryClient.setQueryData(accountKeys.me(), me);
      await queryClient.invalidateQueries({ queryKey: accountKeys.data() });
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
    },
  });
};

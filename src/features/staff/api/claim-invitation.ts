import type { AccountInput, Me } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '@/features/account/api/keys';
import { call } from '@/services/cloud';

export type ClaimInvitationInput = AccountInput<'staff.claim'>;

/** A newly signed-in console user redeems an invitation code and becomes staff. */
export const claimInvitation = (input: ClaimInvitationInput): Promise<Me> => call('account', 'staff.claim', input);

export const useClaimInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimInvitation,
    onSuccess: async (me) => {
      queryClient.setQueryData(accountKeys.me(), me);
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
};

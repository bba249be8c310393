import type { AccountInput, FamilyLink } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '@/features/account/api/keys';
import { call } from '@/services/cloud';
import { familyKeys } from './keys';

export type RespondToLinkInput = AccountInput<'family.respond'>;

/** The elder says yes or no to someone asking to help them. */
export const respondToLink = (input: RespondToLinkInput): Promise<FamilyLink> => call('account', 'family.respond', input);

export const useRespondToLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: respondToLink,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
};

import type { FamilyLink } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '@/features/account/api/keys';
import { call } from '@/services/cloud';
import { familyKeys } from './keys';

/** Either side (or staff) ends a link; it stops working at once. */
export const endLink = (linkId: string): Promise<FamilyLink> => call('account', 'family.end', { linkId });

export const useEndLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endLink,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
};

import { type Me, PRIVACY_VERSION } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { accountKeys } from './keys';

/** Records that the person read and accepted this version of the privacy guide. */
export const acceptPrivacy = () => call('account', 'privacy.accept', { version: PRIVACY_VERSION });

export const useAcceptPrivacy = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptPrivacy,
    onSuccess: async () => {
      // The page that sent the person here reads this at once; don't make it wait for a refetch.
      queryClient.setQueryData<Me>(accountKeys.me(), (me) => (me ? { ...me, privacyAccepted: true } : me));
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
};

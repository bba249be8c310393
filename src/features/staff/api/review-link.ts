import type { AccountInput, FamilyLink } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { familyKeys } from '@/features/family/api/keys';
import { call } from '@/services/cloud';

export type ReviewLinkInput = AccountInput<'family.review'>;

/** Staff approve or refuse a request, with a note of how they checked. */
export const reviewLink = (input: ReviewLinkInput): Promise<FamilyLink> => call('account', 'family.review', input);

export const useReviewLink = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reviewLink,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: familyKeys.queue() }),
  });
};

import type { Me } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { familyKeys } from '@/features/family/api/keys';
import { call } from '@/services/cloud';
import { accountKeys } from './keys';

/** Undo my binding: the roster entry stays; this WeChat no longer acts as that retiree. */
export const unbind = (): Promise<Me> => call('account', 'me.unbind', { confirm: true });

export const useUnbind = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unbind,
    onSuccess: async (me) => {
      queryClient.setQueryData(accountKeys.me(), me);
      await queryClient.invalidateQueries({ queryKey: accountKeys.data() });
      await queryClient.invalidateQueries({ queryKey: familyKeys.all });
    },
  });
};

import type { StaffAccount } from '@contract/accounts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffKeys } from './keys';

/** Admin: switch a staff account off; it signs in as a guest from then on. */
export const disableStaff = (userId: string): Promise<StaffAccount> => call('account', 'staff.disable', { userId });

export const useDisableStaff = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableStaff,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.team() }),
  });
};

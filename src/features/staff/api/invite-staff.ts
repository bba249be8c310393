import type { AccountInput, Invitation } from '@contract/accounts';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type InviteStaffInput = AccountInput<'staff.invite'>;

/** Admin: an invitation code for a new staff member; the server shows it this once only. */
export const inviteStaff = (input: InviteStaffInput): Promise<Invitation> => call('account', 'staff.invite', input);

export const useInviteStaff = () => useMutation({ mutationFn: inviteStaff });

import type { StaffAccount } from '@contract/accounts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffKeys } from './keys';

/** Admin: every staff and admin account. */
export const listStaff = (): Promise<StaffAccount[]> => call('account', 'staff.list', {});

export const getStaffQueryOptions = () => queryOptions({ queryKey: staffKeys.team(), queryFn: listStaff });

export const useStaffList = () => useQuery(getStaffQueryOptions());

import type { Page, RetireeSummary } from '@contract/accounts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { type RosterFilter, staffKeys } from './keys';

/** Staff: one page of the roster in my streets, personal numbers masked. */
export const listRoster = (filter: RosterFilter, page: number): Promise<Page<RetireeSummary>> =>
  call('account', 'roster.list', { ...filter, page });

export const getRosterQueryOptions = (filter: RosterFilter, page: number) =>
  queryOptions({ queryKey: staffKeys.roster(filter, page), queryFn: () => listRoster(filter, page), placeholderData: keepPreviousData });

export const useRoster = (filter: RosterFilter, page: number) => useQuery(getRosterQueryOptions(filter, page));

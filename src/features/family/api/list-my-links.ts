import type { FamilyMine } from '@contract/accounts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { familyKeys } from './keys';

/** The elders I help (or asked to help), and the people helping me or asking to. */
export const listMyLinks = (): Promise<FamilyMine> => call('account', 'family.mine', {});

export const getMyLinksQueryOptions = () =>
  // Others change it (a request arrives, staff approve): fetch again whenever a page shows it.
  queryOptions({ queryKey: familyKeys.mine(), queryFn: listMyLinks, staleTime: 0 });

export const useMyLinks = () => useQuery(getMyLinksQueryOptions());

import type { Me } from '@contract/functions';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';

/** Who is using the app: role, name and user id (nulls for a guest). */
export const getMe = (): Promise<Me> => call('account', 'me.get', {});

export const getMeQueryOptions = () => queryOptions({ queryKey: ['account', 'me'], queryFn: getMe, staleTime: 5 * 60_000 });

export const useMe = () => useQuery(getMeQueryOptions());

import type { MyData } from '@contract/accounts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { accountKeys } from './keys';

/** Everything held about me: account, roster entry (masked), links, consents, and who read my data. */
export const getMyData = (): Promise<MyData> => call('account', 'me.data', {});

export const getMyDataQueryOptions = () => queryOptions({ queryKey: accountKeys.data(), queryFn: getMyData, staleTime: 0 });

export const useMyData = () => useQuery(getMyDataQueryOptions());

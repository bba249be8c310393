import type { MyRegistrations } from '@contract/events';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

/** My registrations and those of the elders I help, upcoming (soonest first) and past. */
export const listMyRegistrations = (): Promise<MyRegistrations> => call('events', 'registration.mine', {});

export const getMyRegistrationsQueryOptions = () =>
  queryOptions({ queryKey: eventKeys.mine(), queryFn: listMyRegistrations, staleTime: 60_000 });

/** `enabled`: only for someone who can have registrations (bound, or helping an elder). */
export const useMyRegistrations = (enabled = true) => useQuery({ ...getMyRegistrationsQueryOptions(), enabled });

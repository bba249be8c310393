import type { EventDetail } from '@contract/events';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

/** One event with its coming occurrences (each with places left and where I and my elders stand). */
export const getEventDetail = (eventId: string): Promise<EventDetail> => call('events', 'event.get', { eventId });

export const getEventDetailQueryOptions = (eventId: string) =>
  // Places change as others register: fetch again whenever the page shows it.
  queryOptions({ queryKey: eventKeys.detail(eventId), queryFn: () => getEventDetail(eventId), enabled: !!eventId, staleTime: 0 });

export const useEventDetail = (eventId: string) => useQuery(getEventDetailQueryOptions(eventId));

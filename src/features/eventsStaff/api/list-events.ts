import type { EventListItem, EventStatus } from '@contract/events';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** Staff: every event (or those of one status), newest edit first, each with its next date and how many are still to come. */
export const listStaffEvents = (status?: EventStatus): Promise<EventListItem[]> => call('events', 'event.list', status ? { status } : {});

/** Fetched again whenever the page shows it: colleagues publish and edit too. */
export const useStaffEvents = (status?: EventStatus) =>
  useQuery({ queryKey: staffEventKeys.list(status), queryFn: () => listStaffEvents(status), refetchOnMount: 'always' });

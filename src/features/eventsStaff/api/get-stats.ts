import type { EventStats } from '@contract/events';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** Staff: person-times and attendance for a year (the server's current year when none is given). */
export const getEventStats = (year?: number): Promise<EventStats> => call('events', 'stats.get', year ? { year } : {});

/** Counted again each time the page shows them: check-ins move them. */
export const useEventStats = (year?: number) =>
  useQuery({
    queryKey: staffEventKeys.stats(year),
    queryFn: () => getEventStats(year),
    refetchOnMount: 'always',
    placeholderData: keepPreviousData,
  });

import type { EventStatus } from '@contract/events';

/** Query keys of the staff's events pages; invalidating `all` refreshes the list, the events, rosters and statistics. */
export const staffEventKeys = {
  all: ['events-staff'] as const,
  list: (status: EventStatus | undefined) => [...staffEventKeys.all, 'list', status ?? 'all'] as const,
  event: (eventId: string) => [...staffEventKeys.all, 'event', eventId] as const,
  roster: (occurrenceId: string) => [...staffEventKeys.all, 'roster', occurrenceId] as const,
  stats: (year: number | undefined) => [...staffEventKeys.all, 'stats', year ?? 'current'] as const,
};

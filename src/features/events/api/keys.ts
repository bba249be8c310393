import type { EventKind } from '@contract/events';

/**
 * Query keys of events. Registering or cancelling changes places left everywhere, so a
 * change invalidates `eventKeys.all`: the week, the detail and my registrations.
 */
export const eventKeys = {
  all: ['events'] as const,
  /** `monday` undefined: this week by the server's clock. */
  week: (monday: string | undefined, kind: EventKind | undefined) => ['events', 'week', monday ?? 'this', kind ?? 'all'] as const,
  detail: (eventId: string) => ['events', 'detail', eventId] as const,
  mine: () => ['events', 'mine'] as const,
  checkinCode: (registrationId: string) => ['events', 'checkin-code', registrationId] as const,
};

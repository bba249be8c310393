import type { EventDetail } from '@contract/events';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** One event with its occurrences from today on (staff also see cancelled ones), at most 60. */
export const getStaffEvent = (eventId: string): Promise<EventDetail> => call('events', 'event.get', { eventId });

export const useStaffEvent = (eventId: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: staffEventKeys.event(eventId), queryFn: () => getStaffEvent(eventId), enabled, refetchOnMount: 'always' });

/** The occurrences before today (newest first, at most 60): to fill in attendance from a paper list afterwards. */
export const usePastOccurrences = (eventId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...staffEventKeys.event(eventId), 'past'],
    queryFn: () => call('events', 'event.get', { eventId, past: true }),
    enabled,
  });

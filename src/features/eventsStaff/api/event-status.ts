import type { EventView } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** Staff: publish a draft (its occurrences are made and people may register). Safe to repeat. */
export const publishEvent = (eventId: string): Promise<EventView> => call('events', 'event.publish', { eventId });

/** Staff: end an event: no new registrations; its occurrences and check-ins stay for the records. */
export const endEvent = (eventId: string): Promise<EventView> => call('events', 'event.end', { eventId });

export const usePublishEvent = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: publishEvent, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

export const useEndEvent = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: endEvent, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

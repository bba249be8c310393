import type { EventInput, EventView } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

export type SaveEventInput = EventInput<'event.save'>;

/** Staff: create (no eventId) or edit an event. A retried requestId returns the first event, never a second one. */
export const saveEvent = (input: SaveEventInput): Promise<EventView> => call('events', 'event.save', input);

export const useSaveEvent = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveEvent, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

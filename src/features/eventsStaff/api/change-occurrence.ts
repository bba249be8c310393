import type { EventInput, OccurrenceView } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

export type CancelOccurrenceInput = EventInput<'occurrence.cancel'>;
export type MoveOccurrenceInput = EventInput<'occurrence.move'>;
/** The occurrence as it is now, and how many messages were queued for the people registered. */
export type ChangedOccurrence = OccurrenceView & { told: number };

/** Staff: cancel one occurrence, with the reason everyone registered is told. */
export const cancelOccurrence = (input: CancelOccurrenceInput): Promise<ChangedOccurrence> => call('events', 'occurrence.cancel', input);

/** Staff: move one occurrence to another day and/or time; everyone registered is told. */
export const moveOccurrence = (input: MoveOccurrenceInput): Promise<ChangedOccurrence> => call('events', 'occurrence.move', input);

export const useCancelOccurrence = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelOccurrence, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

export const useMoveOccurrence = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: moveOccurrence, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

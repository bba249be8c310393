import type { EventInput, RegistrationList, RegistrationResult } from '@contract/events';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** Staff: everyone registered for one occurrence, confirmed first, then the waitlist in line order, then pending. */
export const getOccurrenceRoster = (occurrenceId: string): Promise<RegistrationList> =>
  call('events', 'registration.list', { occurrenceId });

/** Fetched again whenever the page shows it: people register and cancel from their phones meanwhile. */
export const useOccurrenceRoster = (occurrenceId: string) =>
  useQuery({
    queryKey: staffEventKeys.roster(occurrenceId),
    queryFn: () => getOccurrenceRoster(occurrenceId),
    enabled: !!occurrenceId,
    refetchOnMount: 'always',
  });

/** Staff: approve (a place, or a place in line) or refuse a pending registration. Once. */
export const reviewRegistration = (input: EventInput<'registration.review'>): Promise<RegistrationResult> =>
  call('events', 'registration.review', input);

export const useReviewRegistration = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reviewRegistration, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

/**
 * Staff: register someone who came without signing up (a walk-in). Staff skip the window and
 * approval, not the capacity or the age limits. The same requestId again returns the first answer.
 */
export const registerWalkIn = (input: EventInput<'registration.create'>): Promise<RegistrationResult> =>
  call('events', 'registration.create', input);

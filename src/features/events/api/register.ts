import type { RegistrationResult } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

export interface RegisterInput {
  occurrenceId: string;
  /** Myself, or an elder I help. */
  retireeId: string;
  /** One per submission: a retried tap after an error gets the first answer, not a second place. */
  requestId: string;
}

/** A place, a place in the queue, or a request for staff to review; `message` says which in words. */
export const registerForOccurrence = (input: RegisterInput): Promise<RegistrationResult> => call('events', 'registration.create', input);

export const useRegister = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerForOccurrence,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.all }),
  });
};

import type { RegistrationResult } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

/** Give back a place (until the deadline) or leave the queue; a freed place goes to the first in line. */
export const cancelRegistration = (registrationId: string): Promise<RegistrationResult> =>
  call('events', 'registration.cancel', { registrationId });

export const useCancelRegistration = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.all }),
  });
};

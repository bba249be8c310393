import type { CheckinCode } from '@contract/events';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

/** The check-in code of one confirmed registration: a QR payload and six digits, good for about two minutes. */
export const getCheckinCode = (registrationId: string): Promise<CheckinCode> => call('events', 'checkin.code', { registrationId });

/**
 * Fetched again after the `renewInSeconds` the server asks for, while the code is on screen;
 * react-query stops the timer when the component showing it unmounts. The old code stays
 * shown while the new one loads, so the picture never blanks.
 */
export const useCheckinCode = (registrationId: string) =>
  useQuery({
    queryKey: eventKeys.checkinCode(registrationId),
    queryFn: () => getCheckinCode(registrationId),
    enabled: !!registrationId,
    staleTime: 0,
    gcTime: 0,
    // A refusal (cancelled meanwhile, not mine) is not retried on a timer; a code shown keeps renewing.
    refetchInterval: (query) =>
      query.state.status === 'error' && !query.state.data ? false : Math.max(5, query.state.data?.renewInSeconds ?? 60) * 1000,
    refetchIntervalInBackground: false,
  });

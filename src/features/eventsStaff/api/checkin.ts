import type { CheckinResult, EventInput } from '@contract/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { staffEventKeys } from './keys';

/** Staff on the day: a scanned QR code, or the 6 digits under it, for this occurrence. */
export const scanCheckin = (input: EventInput<'checkin.scan'>): Promise<CheckinResult> => call('events', 'checkin.scan', input);

/** Staff: check someone in from the list, or take it back after a mistake. */
export const markCheckin = (input: EventInput<'checkin.mark'>): Promise<CheckinResult> => call('events', 'checkin.mark', input);

export const useScanCheckin = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: scanCheckin, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

export const useMarkCheckin = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: markCheckin, onSuccess: () => queryClient.invalidateQueries({ queryKey: staffEventKeys.all }) });
};

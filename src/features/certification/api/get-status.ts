import type { MyCertification } from '@contract/certification';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';

/** My certification status and that of the elders I help. */
export const getMyCertification = (): Promise<MyCertification> => call('certification', 'status.mine', {});

export const useMyCertification = (enabled: boolean) =>
  useQuery({ queryKey: ['certification', 'mine'], queryFn: getMyCertification, enabled, staleTime: 60_000 });

import type { CertificationEntry } from '@contract/certification';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { certificationKeys } from './face';

export const getHistory = (retireeId: string): Promise<CertificationEntry[]> => call('certification', 'history.get', { retireeId });

export const useHistory = (retireeId: string) =>
  useQuery({ queryKey: certificationKeys.history(retireeId), queryFn: () => getHistory(retireeId), enabled: !!retireeId });

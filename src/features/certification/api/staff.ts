import type { CertificationInput, FoundRetiree } from '@contract/certification';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { certificationKeys } from './face';

export const findRetirees = (q: string): Promise<FoundRetiree[]> => call('certification', 'staff.find', { q });

export const recordStaffCertification = (input: CertificationInput<'staff.record'>) => call('certification', 'staff.record', input);

export const useRecordStaffCertification = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordStaffCertification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificationKeys.all }),
  });
};

export const useHomeVisits = (assignee: 'all' | 'unassigned' | 'mine', page: number) =>
  useQuery({
    queryKey: [...certificationKeys.all, 'home-visits', assignee, page],
    queryFn: () => call('certification', 'homeVisit.list', { assignee, page }),
    placeholderData: keepPreviousData,
  });

export const useAssignHomeVisit = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CertificationInput<'homeVisit.assign'>) => call('certification', 'homeVisit.assign', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificationKeys.all }),
  });
};

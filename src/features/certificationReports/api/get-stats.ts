import type { STREETS } from '@contract/accounts';
import type { CertificationStats } from '@contract/certificationReports';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { reportKeys } from './keys';

export type Street = (typeof STREETS)[number];

/** Staff: the statistics of their streets (admins and district staff: the district), or of one street. */
export const getCertificationStats = (street?: Street): Promise<CertificationStats> =>
  call('certification', 'stats.get', street ? { street } : {});

/** Counted again each time the page shows them: certifications and the daily run move them. */
export const useCertificationStats = (street?: Street) =>
  useQuery({ queryKey: reportKeys.stats(street), queryFn: () => getCertificationStats(street), refetchOnMount: 'always' });

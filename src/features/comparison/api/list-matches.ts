import type { MatchJob } from '@contract/comparison';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { comparisonKeys } from './keys';

/** The 20 latest comparison jobs this staff member may see, newest first. */
export const listMatches = (): Promise<MatchJob[]> => call('comparison', 'match.list', {});

export const useMatches = () => useQuery({ queryKey: comparisonKeys.jobs(), queryFn: listMatches });

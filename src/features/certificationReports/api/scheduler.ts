import type { SchedulerRun } from '@contract/certificationReports';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { reportKeys } from './keys';

/** Admin: the latest daily runs, newest first. */
export const listSchedulerRuns = (): Promise<SchedulerRun[]> => call('scheduler', 'daily.last', {});

export const useSchedulerRuns = () => useQuery({ queryKey: reportKeys.runs(), queryFn: listSchedulerRuns, refetchOnMount: 'always' });

/** Admin: today's daily run now (the timer's own; what is done already is not done again). */
export const runSchedulerNow = (): Promise<SchedulerRun> => call('scheduler', 'daily.run', {});

export const useRunSchedulerNow = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runSchedulerNow,
    // The run moves states, so the statistics on the page move too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
};

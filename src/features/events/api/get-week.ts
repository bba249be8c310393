import type { EventKind, WeekView } from '@contract/events';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { eventKeys } from './keys';

/** The occurrences of one week (Monday to Sunday); no `monday` = this week, as the server's clock says. */
export const getWeek = (monday?: string, kind?: EventKind): Promise<WeekView> =>
  call('events', 'event.week', { ...(monday ? { monday } : {}), ...(kind ? { kind } : {}) });

export const getWeekQueryOptions = (monday?: string, kind?: EventKind) =>
  queryOptions({ queryKey: eventKeys.week(monday, kind), queryFn: () => getWeek(monday, kind) });

/** The previous week stays on screen while the next one loads: no flash of "正在加载". */
export const useWeek = (monday?: string, kind?: EventKind) =>
  useQuery({ ...getWeekQueryOptions(monday, kind), placeholderData: keepPreviousData });

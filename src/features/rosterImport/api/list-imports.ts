import type { ImportJob } from '@contract/roster';
import { useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';
import { importKeys } from './keys';

/** District staff: the 20 latest imports, newest first. */
export const listImports = (): Promise<ImportJob[]> => call('roster', 'import.list', {});

export const useImports = () => useQuery({ queryKey: importKeys.list(), queryFn: listImports });

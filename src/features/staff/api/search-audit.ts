import type { AccountInput, AuditRecord, Page } from '@contract/accounts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type AuditFilter = Omit<AccountInput<'audit.search'>, 'page'>;

/** Admin: one page of the audit log, newest first. */
export const searchAudit = (filter: AuditFilter, page: number): Promise<Page<AuditRecord>> =>
  call('account', 'audit.search', { ...filter, page });

export const useAuditSearch = (filter: AuditFilter, page: number) =>
  useQuery({ queryKey: ['staff', 'audit', filter, page], queryFn: () => searchAudit(filter, page), placeholderData: keepPreviousData });

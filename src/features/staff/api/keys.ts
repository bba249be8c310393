import type { AccountInput } from '@contract/accounts';

export type RosterFilter = Omit<AccountInput<'roster.list'>, 'page'>;

/** Query keys of the staff console. */
export const staffKeys = {
  all: ['staff'] as const,
  roster: (filter: RosterFilter, page: number) => ['staff', 'roster', filter, page] as const,
  team: () => ['staff', 'team'] as const,
};

import { z } from 'zod';
import type { Me } from '../../contract/functions';
import { action, defineFunction, EVERYONE } from '../_lib/defineFunction';

/** Accounts: who the caller is (binding, family links and staff roles come with the accounts issue). */
export const account = defineFunction('account', {
  'me.get': action({
    input: z.object({}).strict(),
    roles: EVERYONE,
    handler: async (_input, { caller }): Promise<Me> => ({ role: caller.role, name: caller.name, userId: caller.userId }),
  }),
});
export const main = account.main;

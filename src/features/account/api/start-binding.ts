import type { AccountInput, BindStarted } from '@contract/accounts';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type StartBindingInput = AccountInput<'bind.start'>;

/** Step 1 of binding: name + ID number; the server texts a code to the roster's phone (if they match). */
export const startBinding = (input: StartBindingInput): Promise<BindStarted> => call('account', 'bind.start', input);

export const useStartBinding = () => useMutation({ mutationFn: startBinding });

import type { AccountInput } from '@contract/accounts';
import { useMutation } from '@tanstack/react-query';
import { call } from '@/services/cloud';

export type RevealNumberInput = AccountInput<'roster.reveal'>;

/** Staff: one whole ID or phone number, for a stated purpose. Never cached: every read is its own audited call. */
export const revealNumber = (input: RevealNumberInput): Promise<{ value: string }> => call('account', 'roster.reveal', input);

export const useRevealNumber = () => useMutation({ mutationFn: revealNumber });

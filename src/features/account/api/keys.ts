/** Query keys of the account domain; invalidating `accountKeys.all` refreshes who-am-I and my data. */
export const accountKeys = {
  all: ['account'] as const,
  /** The same key get-me.ts uses. */
  me: () => ['account', 'me'] as const,
  data: () => ['account', 'data'] as const,
};

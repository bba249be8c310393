/**
 * The shape every cloud function call returns, on both sides of the wire.
 * Functions never throw to the caller: they answer `{ ok: false, error }` with a
 * code the client can branch on and a Chinese message a retiree can read.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // the input failed its schema; nothing was written
  'UNAUTHENTICATED', // no signed-in caller where one is needed
  'FORBIDDEN', // the caller's role may not do this
  'NOT_FOUND',
  'CONFLICT', // e.g. the state changed under the caller; safe to retry
  'TOO_MANY', // a rate limit was reached; try again later (tomorrow for daily limits)
  'NEEDS_CONSENT', // a consent the action needs (e.g. face data) has not been given; show it, then retry
  'UNKNOWN_ACTION',
  'UNAVAILABLE', // an outside service or the platform failed; retry later
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CallError {
  code: ErrorCode;
  message: string;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

/** The event a function receives: `{ action, ...input }`. */
export interface CallEvent {
  action: string;
  [key: string]: unknown;
}

export const ROLES = ['retiree', 'family', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** A caller the server could not match to a known user (e.g. a new WeChat user). */
export type CallerRole = Role | 'guest' | 'anonymous';

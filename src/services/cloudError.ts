import type { ErrorCode } from '@contract/envelope';

/** Shown when the network or the platform fails, whatever the technical cause. */
export const UNAVAILABLE_MESSAGE = '网络不太好，请稍后再试';

/** A failed cloud call: `code` to branch on, `message` in Chinese to show as is. */
export class CloudCallError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CloudCallError';
    this.code = code;
    // Keep `instanceof` working when classes are compiled to ES5.
    Object.setPrototypeOf(this, CloudCallError.prototype);
  }
}

export const unavailable = () => new CloudCallError('UNAVAILABLE', UNAVAILABLE_MESSAGE);

/** The words to show a person for any error a query or mutation can throw. */
export function messageOf(error: unknown): string {
  return error instanceof CloudCallError ? error.message : UNAVAILABLE_MESSAGE;
}

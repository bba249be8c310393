import type { CallError, ErrorCode } from '../../contract/envelope';

/** An error meant for the person using the app: a code to branch on, words to read. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): CallError {
    return { code: this.code, message: this.message };
  }
}

export const notFound = (message = '没有找到这条信息') => new AppError('NOT_FOUND', message);
export const forbidden = (message = '您没有权限做这件事') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message);
export const invalidInput = (message: string) => new AppError('INVALID_INPUT', message);
export const conflict = (message = '信息刚刚有变化，请刷新后再试') => new AppError('CONFLICT', message);

/** CloudBase's duplicate-key answer (unique index), as the SDK throws it. */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'DATABASE_DUPLICATE_WRITE' || /E11000|duplicate key/i.test(err?.message ?? '');
}

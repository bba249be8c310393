/** Errors in the shape CloudBase answers with: `{ code, message }` in the reply body. */
export class CloudError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const conflict = (detail: string) => new CloudError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${detail}`);

export const duplicateKey = (collection: string, index: string, key: string) =>
  new CloudError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`);

export const invalidParam = (message: string) => new CloudError('INVALID_PARAM', message);

export const requestFailed = (message: string) => new CloudError('DATABASE_REQUEST_FAILED', message);

export const collectionNotExist = (name: string) => new CloudError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);

/**
 * An error the cloud answers with `{code, message}` at HTTP 200. The SDK maps
 * the code string to its numeric errCode (DATABASE_COLLECTION_NOT_EXIST → -502005).
 */
export class TcbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const dbErrors = {
  collectionNotExist: (name: string) =>
    new TcbError('DATABASE_COLLECTION_NOT_EXIST', `database collection not exists: ${name}`),
  collectionExists: (name: string) =>
    new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', `database collection already exists: ${name}`),
  duplicateKey: (index: string) =>
    new TcbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error, index: ${index}`),
  transactionConflict: () => new TcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict'),
  transactionNotExist: (id: string) => new TcbError('DATABASE_TRANSACTION_NOT_EXIST', `transaction not exists: ${id}`),
  invalidParam: (message: string) => new TcbError('INVALID_PARAM', message),
  requestFailed: (message: string) => new TcbError('DATABASE_REQUEST_FAILED', message),
};

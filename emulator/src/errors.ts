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
  /** Code and message as the official SDK test expects them (node-sdk test/database/unit/transaction.test.ts). */
  transactionConflict: () =>
    new TcbError(
      'DATABASE_TRANSACTION_CONFLICT',
      '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
    ),
  /** A transaction that was committed, aborted, expired or never started (same source). */
  transactionFail: () =>
    new TcbError(
      'DATABASE_TRANSACTION_FAIL',
      '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
    ),
  invalidParam: (message: string) => new TcbError('INVALID_PARAM', message),
  requestFailed: (message: string) => new TcbError('DATABASE_REQUEST_FAILED', message),
};

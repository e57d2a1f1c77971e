/**
 * Every cloud function action answers an envelope. Codes are stable: clients
 * switch on them, never on messages.
 */
export type Envelope<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export const ErrorCodes = {
  /** Input failed schema validation; nothing was changed. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The action name is not known to the function. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** No OPENID in the cloud context (not called from the mini-program). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The caller's role does not allow this action. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** The batch is not open for orders (not started, cut off or closed). */
  BATCH_CLOSED: 'BATCH_CLOSED',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The order is not in a state that allows this action. */
  INVALID_STATE: 'INVALID_STATE',
  /** Text or image refused by the content security check. */
  CONTENT_RISKY: 'CONTENT_RISKY',
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  /** The cloud environment lacks a setting this action needs (e.g. PICKUP_CODE_KEY); an operator must set it. */
  MISCONFIGURED: 'MISCONFIGURED',
  /** Transient backend trouble; the client may retry. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

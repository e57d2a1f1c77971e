import { ErrorCodes, type ErrorCode } from '../../../typings/envelope';

/**
 * A failure the caller should see with a stable code. It lives in the domain
 * because pricing, limits and the status machine decide most of these codes;
 * infra/errors re-exports it for the handlers.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const fail = {
  invalid: (message: string, details?: unknown) => new AppError(ErrorCodes.INVALID_INPUT, message, details),
  unauthenticated: () => new AppError(ErrorCodes.UNAUTHENTICATED, '请在微信中打开'),
  forbidden: (message = '没有权限') => new AppError(ErrorCodes.FORBIDDEN, message),
  notFound: (what: string) => new AppError(ErrorCodes.NOT_FOUND, `${what}不存在`),
  state: (message: string) => new AppError(ErrorCodes.INVALID_STATE, message),
  batchClosed: (message = '本期团购未开始或已截单') => new AppError(ErrorCodes.BATCH_CLOSED, message),
  outOfStock: (title: string, details?: unknown) => new AppError(ErrorCodes.OUT_OF_STOCK, `${title}库存不足`, details),
  limitExceeded: (title: string, details?: unknown) =>
    new AppError(ErrorCodes.LIMIT_EXCEEDED, `${title}超过每人限购数量`, details),
  contentRisky: () => new AppError(ErrorCodes.CONTENT_RISKY, '内容含有违规信息，请修改后再提交'),
  rateLimited: (message: string) => new AppError(ErrorCodes.RATE_LIMITED, message),
};

import type { ErrorCode } from '../../typings/envelope';

/** Envelope codes plus the one the client adds when the backend could not be reached. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** A failed call with a stable code; pages show userMessage(error), never error.message. */
export class AppError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const MESSAGES: Record<ClientErrorCode, string> = {
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNKNOWN_ACTION: '当前版本不支持该功能，请更新小程序',
  UNAUTHENTICATED: '请在微信中打开小程序',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已下架',
  BATCH_CLOSED: '本期团购已截单',
  OUT_OF_STOCK: '商品库存不足',
  LIMIT_EXCEEDED: '超出限购数量',
  INVALID_STATE: '订单状态已变化，请刷新后重试',
  CONTENT_RISKY: '内容含有敏感信息，请修改后重试',
  PAYMENT_FAILED: '支付失败，请重试',
  INSUFFICIENT_BALANCE: '余额不足',
  MISCONFIGURED: '服务暂未配置完成，请联系平台客服',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAVAILABLE: '服务繁忙，请稍后重试',
  INTERNAL: '系统开小差了，请稍后重试',
  NETWORK: '网络不给力，请检查网络后重试',
};

/** Chinese text for whatever was thrown: a coded error, or anything else as INTERNAL. */
export function userMessage(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code in MESSAGES ? MESSAGES[code as ClientErrorCode] : MESSAGES.INTERNAL;
}

export function errorCode(error: unknown): ClientErrorCode {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code in MESSAGES ? (code as ClientErrorCode) : 'INTERNAL';
}

/** Worth retrying as is (the same request may well succeed a moment later). */
export function isRetryable(error: unknown): boolean {
  return ['NETWORK', 'UNAVAILABLE', 'INTERNAL'].includes(errorCode(error));
}

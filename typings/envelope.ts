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
  /** Too many calls of this kind by this caller just now; wait and retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** What a client adds when the backend could not be reached at all. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/**
 * Each code in a few Chinese words: the message the functions answer when they
 * have nothing more specific to say, and the console's prefix for any failure.
 * A validation failure's message names the field (typings/contracts/messages.ts).
 */
export const ErrorTexts: Record<ClientErrorCode, string> = {
  INVALID_INPUT: '输入有误',
  UNKNOWN_ACTION: '后端尚未提供该功能',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限',
  NOT_FOUND: '记录不存在',
  BATCH_CLOSED: '本期团购未开始或已截单',
  OUT_OF_STOCK: '库存不足',
  LIMIT_EXCEEDED: '超过限购数量',
  INVALID_STATE: '当前状态不允许该操作',
  CONTENT_RISKY: '内容含有违规信息',
  PAYMENT_FAILED: '支付失败',
  INSUFFICIENT_BALANCE: '余额不足',
  MISCONFIGURED: '云环境缺少配置，请联系管理员',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAVAILABLE: '服务繁忙，请重试',
  INTERNAL: '系统错误',
  NETWORK: '网络错误',
};

/** The records the emulated WeChat Pay keeps: orders, refunds and the notices it sends. */

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export interface PayOrder {
  env: string;
  subMchId: string;
  outTradeNo: string;
  body: string;
  totalFee: number;
  feeType: string;
  attach?: string;
  tradeType: string;
  spbillCreateIp: string;
  /** Where WeChat Pay sends the payment notification. */
  envId: string;
  functionName: string;
  appid: string;
  /** The user placing the order (openid/sub_openid argument or the calling function's user). */
  openid?: string;
  prepayId: string;
  state: TradeState;
  createdAt: number;
  transactionId?: string;
  payer?: string;
  paidAt?: number;
  timeEnd?: string;
  closedAt?: number;
}

export interface PayRefund {
  env: string;
  subMchId: string;
  outTradeNo: string;
  transactionId: string;
  outRefundNo: string;
  refundId: string;
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  envId: string;
  functionName?: string;
  /** PROCESSING until it ends: SUCCESS, or CHANGE (退款异常) / REFUNDCLOSE (退款关闭), which a resubmission with the same out_refund_no restarts. */
  status: RefundStatus;
  createdAt: number;
  successAt?: number;
  successTime?: string;
}

export interface NoticeAttempt {
  at: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** One notification WeChat Pay sends to a callback function (a duplicate is another notice with the same event). */
export interface PayNotice {
  id: string;
  env: string;
  kind: 'payment' | 'refund';
  /** outTradeNo for payments, outRefundNo for refunds. */
  ref: string;
  envId: string;
  functionName: string;
  event: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: number;
  attempts: NoticeAttempt[];
}

/** WeChat Pay v2 refund_status. */
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

export type NoticeMode = 'normal' | 'duplicate' | 'delayed';

export interface SimulateOptions {
  openid?: string;
  subMchId?: string;
  /** normal: deliver once now; duplicate: deliver `times` (default 2) identical notices; delayed: queue, deliver later with deliver(). */
  mode?: NoticeMode;
  times?: number;
  /** With mode duplicate: deliver the copies concurrently instead of one after the other. */
  parallel?: boolean;
}

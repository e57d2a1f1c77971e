import { randomBytes } from 'node:crypto';
import { cloud } from './cloud';
import { requiredSetting } from './config';

/**
 * The one door to WeChat Pay (cloud.cloudPay). The SDK turns our camelCase
 * fields into the snake_case the pay API expects and its answer back into
 * camelCase (wx-server-sdk src/api/cloudpay). Every call names the merchant and
 * a fresh nonce; results are checked here so use cases see plain outcomes.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 */

/** The function WeChat Pay calls back with payment and refund notifications. */
export const PAY_CALLBACK_FUNCTION = 'pay';

/** Sub-merchant number bound to the cloud environment (WXPAY_SUB_MCH_ID). */
export const subMchId = (): string => requiredSetting('WXPAY_SUB_MCH_ID');

const nonceStr = (): string => randomBytes(16).toString('hex');

/** The env the callback function lives in: the env we run in, in the cloud and locally. */
const envId = (): string => String(cloud.getWXContext().ENV ?? '');

type PayAnswer = Record<string, any> & {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCodeDes?: string;
};

async function call(api: string, data: Record<string, unknown>): Promise<PayAnswer> {
  const cloudPay = (cloud as unknown as { cloudPay: Record<string, (d: unknown) => Promise<PayAnswer>> }).cloudPay;
  return cloudPay[api]({ subMchId: subMchId(), nonceStr: nonceStr(), ...data });
}

/** returnCode is the transport, resultCode the business outcome (WeChat Pay v2). */
const succeeded = (r: PayAnswer): boolean => r.returnCode === 'SUCCESS' && r.resultCode === 'SUCCESS';
const reason = (r: PayAnswer): string => String(r.errCodeDes || r.returnMsg || r.errCode || 'unknown');

export class PayRejected extends Error {}

/** The parameters wx.requestPayment takes, as cloudPay returns them. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
  [key: string]: unknown;
}

export async function unifiedOrder(o: {
  body: string;
  outTradeNo: string;
  totalFee: number;
  timeExpire?: string;
}): Promise<{ payment: RequestPaymentParams; prepayId?: string }> {
  const r = await call('unifiedOrder', {
    ...o,
    spbillCreateIp: '127.0.0.1',
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
    tradeType: 'JSAPI',
  });
  if (!succeeded(r) || !r.payment) throw new PayRejected(`unifiedOrder: ${reason(r)}`);
  return { payment: r.payment as RequestPaymentParams, prepayId: r.prepayId };
}

export interface TradeState {
  /** SUCCESS, NOTPAY, CLOSED, REFUND, USERPAYING, PAYERROR, ... or ORDERNOTEXIST. */
  tradeState: string;
  totalFee: number;
  transactionId?: string;
  timeEnd?: string;
}

export async function queryOrder(outTradeNo: string): Promise<TradeState> {
  const r = await call('queryOrder', { outTradeNo });
  if (r.returnCode !== 'SUCCESS') throw new Error(`queryOrder: ${reason(r)}`);
  if (r.resultCode !== 'SUCCESS') return { tradeState: String(r.errCode || 'ORDERNOTEXIST'), totalFee: 0 };
  return {
    tradeState: String(r.tradeState),
    totalFee: Number(r.totalFee),
    transactionId: r.transactionId,
    timeEnd: r.timeEnd,
  };
}

/**
 * Closes an unpaid trade so it can no longer be paid (WeChat Pay asks for this
 * when an order times out). True when it is closed or never existed; false when
 * it was paid meanwhile. The SDK hides err_code, so a refusal is settled by
 * asking for the trade's state.
 */
export async function closeOrder(outTradeNo: string): Promise<boolean> {
  const r = await call('closeOrder', { outTradeNo });
  if (r.returnCode !== 'SUCCESS') throw new Error(`closeOrder: ${reason(r)}`);
  if (r.resultCode === 'SUCCESS') return true;
  const { tradeState } = await queryOrder(outTradeNo);
  if (tradeState === 'SUCCESS' || tradeState === 'REFUND') return false;
  if (tradeState === 'CLOSED' || tradeState === 'ORDERNOTEXIST') return true;
  throw new Error(`closeOrder: ${reason(r)} (trade ${tradeState})`);
}

export async function refund(o: {
  outTradeNo: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
}): Promise<{ refundId?: string }> {
  const r = await call('refund', { ...o, envId: envId(), functionName: PAY_CALLBACK_FUNCTION });
  if (r.returnCode !== 'SUCCESS') throw new Error(`refund: ${reason(r)}`);
  if (r.resultCode !== 'SUCCESS') throw new PayRejected(`refund: ${reason(r)}`);
  return { refundId: r.refundId };
}

export interface RefundState {
  /** SUCCESS, PROCESSING, REFUNDCLOSE, CHANGE, or NOTFOUND. */
  refundStatus: string;
  refundFee: number;
}

/**
 * The query answers numbered fields (refund_status_0 → refundStatus0) in WeChat
 * Pay v2; some SDK answers carry lists instead (refundStatusList). Both are read.
 */
export async function queryRefund(outRefundNo: string): Promise<RefundState> {
  const r = await call('queryRefund', { outRefundNo });
  if (r.returnCode !== 'SUCCESS') throw new Error(`queryRefund: ${reason(r)}`);
  if (r.resultCode !== 'SUCCESS') return { refundStatus: 'NOTFOUND', refundFee: 0 };
  const count = Number(r.refundCount ?? 1);
  for (let n = 0; n < count; n++) {
    const no = r[`outRefundNo${n}`] ?? r.outRefundNoList?.[n] ?? (count === 1 ? r.outRefundNo : undefined);
    if (no !== undefined && no !== outRefundNo) continue;
    return {
      refundStatus: String(r[`refundStatus${n}`] ?? r.refundStatusList?.[n] ?? r.refundStatus ?? 'NOTFOUND'),
      refundFee: Number(r[`refundFee${n}`] ?? r.refundFeeList?.[n] ?? r.refundFee ?? 0),
    };
  }
  return { refundStatus: 'NOTFOUND', refundFee: 0 };
}

/** WeChat Pay's time format (yyyyMMddHHmmss, Beijing time); Shanghai has no daylight saving. */
export function payTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

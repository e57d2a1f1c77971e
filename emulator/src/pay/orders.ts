import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import type { PayStore } from './store';
import type { PayOrder, TradeState } from './types';
import {
  answerBase,
  beijing,
  bizFail,
  digits,
  missingParam,
  nonce,
  returnFail,
  SERVICE_APPID,
  SERVICE_MCH_ID,
  type PayCtx,
  type WxPayResult,
} from './wire';

/** paySign is an MD5 with this local key: not a valid WeChat signature. */
const SIGN_KEY = 'localcloud';

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款',
  CLOSED: '订单已关闭',
};

/** cloudPay.unifiedOrder: a new NOTPAY order, or the same prepay_id for the same order again. */
export function unifiedOrder(store: PayStore, now: number, { env, params, appid, openid }: PayCtx): WxPayResult {
  const missing = missingParam(params, [
    'body',
    'out_trade_no',
    'total_fee',
    'spbill_create_ip',
    'sub_mch_id',
    'env_id',
    'function_name',
  ]);
  if (missing) return returnFail(`缺少参数 ${missing}`);
  const body = String(params.body);
  if (Array.from(body).length > 128) return returnFail('参数格式校验错误: body 长度超过 128');
  const outTradeNo = String(params.out_trade_no);
  if (!/^[0-9A-Za-z_\-|*@]{1,32}$/.test(outTradeNo)) return returnFail('参数格式校验错误: out_trade_no');
  const totalFee = params.total_fee;
  if (typeof totalFee !== 'number' || !Number.isInteger(totalFee) || totalFee <= 0) {
    return returnFail('参数格式校验错误: total_fee 必须是大于 0 的整数(单位分)');
  }
  if (net.isIP(String(params.spbill_create_ip)) === 0) return returnFail('参数格式校验错误: spbill_create_ip');
  const subMchId = String(params.sub_mch_id);
  const tradeType = String(params.trade_type ?? 'JSAPI');
  const base = answerBase(subMchId, appid);
  const existing = store.order(env, subMchId, outTradeNo);
  if (existing) {
    if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return bizFail(base, 'ORDERPAID', '该订单已支付');
    if (existing.state === 'CLOSED') return bizFail(base, 'ORDERCLOSED', '该订单已关闭');
    const same =
      existing.body === body &&
      existing.totalFee === totalFee &&
      (existing.attach ?? '') === String(params.attach ?? '') &&
      existing.tradeType === tradeType;
    if (!same) return bizFail(base, 'INVALID_REQUEST', '201 商户订单号重复');
    return prepaid(base, existing, now);
  }
  const order: PayOrder = {
    env,
    subMchId,
    outTradeNo,
    body,
    totalFee,
    feeType: String(params.fee_type ?? 'CNY'),
    attach: params.attach === undefined ? undefined : String(params.attach),
    tradeType,
    spbillCreateIp: String(params.spbill_create_ip),
    envId: String(params.env_id),
    functionName: String(params.function_name),
    appid,
    openid: params.sub_openid ?? params.openid ?? openid,
    prepayId: `wx${beijing(now, 'yyyyMMddHHmmss')}${randomBytes(10).toString('hex')}`.slice(0, 36),
    state: 'NOTPAY',
    createdAt: now,
  };
  store.addOrder(order);
  return prepaid(base, order, now);
}

function prepaid(base: WxPayResult, order: PayOrder, now: number): WxPayResult {
  return {
    ...base,
    result_code: 'SUCCESS',
    trade_type: order.tradeType,
    prepay_id: order.prepayId,
    payment: payment(order, now),
  };
}

/** What wx.requestPayment needs. paySign is an MD5 over the fields with a local key: not a valid WeChat signature. */
function payment(order: PayOrder, now: number): Record<string, string> {
  const fields: Record<string, string> = {
    appId: order.appid,
    timeStamp: String(Math.floor(now / 1000)),
    nonceStr: nonce(),
    package: `prepay_id=${order.prepayId}`,
    signType: 'MD5',
  };
  const text = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return { ...fields, paySign: createHash('md5').update(`${text}&key=${SIGN_KEY}`).digest('hex').toUpperCase() };
}

/** cloudPay.queryOrder by out_trade_no or transaction_id. */
export function queryOrder(store: PayStore, { env, params, appid }: PayCtx): WxPayResult {
  const subMchId = String(params.sub_mch_id ?? '');
  if (!subMchId) return returnFail('缺少参数 sub_mch_id');
  if (!params.out_trade_no && !params.transaction_id) return returnFail('缺少参数 out_trade_no 或 transaction_id');
  const base = answerBase(subMchId, appid);
  const order = store.findOrder(env, {
    subMchId,
    outTradeNo: params.out_trade_no,
    transactionId: params.transaction_id,
  });
  if (!order) return bizFail(base, 'ORDERNOTEXIST', '此交易订单号不存在');
  const out: WxPayResult = {
    ...base,
    result_code: 'SUCCESS',
    out_trade_no: order.outTradeNo,
    trade_state: order.state,
    trade_state_desc: TRADE_STATE_DESC[order.state],
    total_fee: order.totalFee,
    fee_type: order.feeType,
    trade_type: order.tradeType,
  };
  if (order.attach !== undefined) out.attach = order.attach;
  if (order.transactionId) {
    Object.assign(out, {
      transaction_id: order.transactionId,
      time_end: order.timeEnd,
      cash_fee: order.totalFee,
      bank_type: 'OTHERS',
      openid: order.payer,
      sub_openid: order.payer,
      is_subscribe: 'N',
      sub_is_subscribe: 'N',
    });
  }
  return out;
}

/** cloudPay.closeOrder: only an unpaid order closes. */
export function closeOrder(store: PayStore, now: number, { env, params, appid }: PayCtx): WxPayResult {
  const subMchId = String(params.sub_mch_id ?? '');
  if (!subMchId || !params.out_trade_no) return returnFail('缺少参数 sub_mch_id 或 out_trade_no');
  const base = answerBase(subMchId, appid);
  const order = store.order(env, subMchId, String(params.out_trade_no));
  if (!order) return bizFail(base, 'ORDERNOTEXIST', '订单不存在');
  if (order.state === 'SUCCESS' || order.state === 'REFUND')
    return bizFail(base, 'ORDERPAID', '订单已支付，不能发起关单');
  if (order.state === 'CLOSED') return bizFail(base, 'ORDERCLOSED', '订单已关闭，无法重复关闭');
  order.state = 'CLOSED';
  order.closedAt = now;
  return { ...base, result_code: 'SUCCESS' };
}

/** The user pays an unpaid order (a paid one stays as it was paid). */
export function markPaid(order: PayOrder, payer: string | undefined, now: number): void {
  if (order.state !== 'NOTPAY') return;
  order.state = 'SUCCESS';
  order.transactionId = `4200${digits(24)}`;
  order.payer = payer ?? order.openid ?? 'oLocalPayer';
  order.paidAt = now;
  order.timeEnd = beijing(now, 'yyyyMMddHHmmss');
}

/** The payment-result event WeChat Pay sends to the order's callback function. */
export function paymentEvent(order: PayOrder): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    appid: SERVICE_APPID,
    mchId: SERVICE_MCH_ID,
    subAppid: order.appid,
    subMchId: order.subMchId,
    nonceStr: nonce(),
    resultCode: 'SUCCESS',
    openid: order.payer,
    isSubscribe: 'N',
    subOpenid: order.payer,
    subIsSubscribe: 'N',
    tradeType: order.tradeType,
    bankType: 'OTHERS',
    totalFee: order.totalFee,
    feeType: order.feeType,
    cashFee: order.totalFee,
    transactionId: order.transactionId,
    outTradeNo: order.outTradeNo,
    timeEnd: order.timeEnd,
    ...(order.attach !== undefined ? { attach: order.attach } : {}),
  };
}

import type { PayStore } from './store';
import type { PayOrder, PayRefund, RefundStatus } from './types';
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

const MAX_REFUNDS_PER_ORDER = 50;

/**
 * cloudPay.refund: a new PROCESSING refund (handed to `onCreated`), or the same
 * refund again for the same out_refund_no and amounts.
 */
export function refund(
  store: PayStore,
  now: number,
  { env, params, appid }: PayCtx,
  onCreated: (refund: PayRefund) => void,
): WxPayResult {
  const missing = missingParam(params, ['sub_mch_id', 'out_refund_no', 'total_fee', 'refund_fee']);
  if (missing) return returnFail(`缺少参数 ${missing}`);
  if (!params.out_trade_no && !params.transaction_id) return returnFail('缺少参数 out_trade_no 或 transaction_id');
  const subMchId = String(params.sub_mch_id);
  const base = answerBase(subMchId, appid);
  const outRefundNo = String(params.out_refund_no);
  if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo)) return returnFail('参数格式校验错误: out_refund_no');
  const totalFee = params.total_fee;
  const refundFee = params.refund_fee;
  for (const [name, v] of [
    ['total_fee', totalFee],
    ['refund_fee', refundFee],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      return bizFail(base, 'PARAM_ERROR', `${name} 必须是大于 0 的整数(单位分)`);
  }
  const order = store.findOrder(env, {
    subMchId,
    outTradeNo: params.out_trade_no,
    transactionId: params.transaction_id,
  });
  if (!order || !order.transactionId) return bizFail(base, 'ORDERNOTEXIST', '订单不存在或未支付');
  const previous = store.refund(env, subMchId, outRefundNo);
  if (previous) {
    // Same out_refund_no again: the same refund (a failed refund must be retried with its original number).
    if (
      previous.outTradeNo !== order.outTradeNo ||
      previous.refundFee !== refundFee ||
      previous.totalFee !== totalFee
    ) {
      return bizFail(base, 'REFUND_FEE_MISMATCH', '订单金额或退款金额与之前请求不一致，请核实后再试');
    }
    if (failed(previous)) {
      // 一笔退款失败后重新提交，请使用原商户退款单号: the resubmission is processed again.
      const others = refundedBefore(store, env, previous);
      if (refundFee > order.totalFee - others) return bizFail(base, 'INVALID_REQUEST', '累计退款金额大于支付金额');
      previous.status = 'PROCESSING';
      onCreated(previous);
    }
    return refundAnswer(base, previous);
  }
  if (totalFee !== order.totalFee) return bizFail(base, 'INVALID_REQUEST', '订单金额与原订单不一致');
  const refunds = store.listRefunds(env).filter((r) => r.subMchId === subMchId && r.outTradeNo === order.outTradeNo);
  if (refunds.length >= MAX_REFUNDS_PER_ORDER) return bizFail(base, 'INVALID_REQUEST', '退款次数超过限制(50次)');
  const refunded = refunds.reduce((sum, r) => sum + (failed(r) ? 0 : r.refundFee), 0);
  if (refundFee > order.totalFee - refunded) return bizFail(base, 'INVALID_REQUEST', '累计退款金额大于支付金额');
  const created: PayRefund = {
    env,
    subMchId,
    outTradeNo: order.outTradeNo,
    transactionId: order.transactionId,
    outRefundNo,
    refundId: `50${digits(27)}`,
    totalFee,
    refundFee,
    refundDesc: params.refund_desc,
    envId: String(params.env_id ?? order.envId),
    functionName: params.function_name ? String(params.function_name) : undefined,
    status: 'PROCESSING',
    createdAt: now,
  };
  store.addRefund(created);
  onCreated(created);
  return refundAnswer(base, created);
}

/** A refund that ended without the money going back (退款异常 or 退款关闭). */
const failed = (r: PayRefund): boolean => r.status === 'CHANGE' || r.status === 'REFUNDCLOSE';

/** What the order's other refunds (not failed) give back. */
const refundedBefore = (store: PayStore, env: string, r: PayRefund): number =>
  store
    .listRefunds(env)
    .filter((o) => o !== r && o.subMchId === r.subMchId && o.outTradeNo === r.outTradeNo && !failed(o))
    .reduce((sum, o) => sum + o.refundFee, 0);

function refundAnswer(base: WxPayResult, r: PayRefund): WxPayResult {
  return {
    ...base,
    result_code: 'SUCCESS',
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: r.refundFee,
    settlement_refund_fee: r.refundFee,
    total_fee: r.totalFee,
    cash_fee: r.totalFee,
    cash_refund_fee: r.refundFee,
    refund_channel: '',
  };
}

/** cloudPay.queryRefund by refund_id, out_refund_no, transaction_id or out_trade_no. */
export function queryRefund(store: PayStore, { env, params, appid }: PayCtx): WxPayResult {
  const subMchId = String(params.sub_mch_id ?? '');
  if (!subMchId) return returnFail('缺少参数 sub_mch_id');
  const base = answerBase(subMchId, appid);
  const mine = store.listRefunds(env).filter((r) => r.subMchId === subMchId);
  let list: PayRefund[];
  if (params.refund_id) list = mine.filter((r) => r.refundId === params.refund_id);
  else if (params.out_refund_no) list = mine.filter((r) => r.outRefundNo === params.out_refund_no);
  else if (params.transaction_id) list = mine.filter((r) => r.transactionId === params.transaction_id);
  else if (params.out_trade_no) list = mine.filter((r) => r.outTradeNo === params.out_trade_no);
  else return returnFail('缺少参数 out_refund_no、out_trade_no、transaction_id 或 refund_id');
  if (list.length === 0) return bizFail(base, 'REFUNDNOTEXIST', '退款订单查询失败');
  const order = store.order(env, subMchId, list[0].outTradeNo);
  return {
    ...base,
    result_code: 'SUCCESS',
    transaction_id: list[0].transactionId,
    out_trade_no: list[0].outTradeNo,
    total_fee: order?.totalFee ?? list[0].totalFee,
    cash_fee: order?.totalFee ?? list[0].totalFee,
    refund_fee: list.reduce((s, r) => s + r.refundFee, 0),
    refund_count: list.length,
    out_refund_no_list: list.map((r) => r.outRefundNo),
    refund_id_list: list.map((r) => r.refundId),
    refund_fee_list: list.map((r) => r.refundFee),
    settlement_refund_fee_list: list.map((r) => r.refundFee),
    refund_status_list: list.map((r) => r.status),
    refund_success_time_list: list.map((r) => r.successTime ?? ''),
    refund_channel: list.map(() => 'ORIGINAL'),
    refund_account_list: list.map(() => 'REFUND_SOURCE_UNSETTLED_FUNDS'),
    refund_recv_accout_list: list.map(() => '支付用户零钱'),
  };
}

/**
 * The refund ends (once): SUCCESS (its order becomes REFUND), or CHANGE /
 * REFUNDCLOSE, which leave the order as it was.
 */
export function completeRefund(
  store: PayStore,
  refund: PayRefund,
  now: number,
  status: Exclude<RefundStatus, 'PROCESSING'> = 'SUCCESS',
): void {
  if (refund.status !== 'PROCESSING') return;
  refund.status = status;
  if (status !== 'SUCCESS') return;
  refund.successAt = now;
  refund.successTime = beijing(now, 'yyyy-MM-dd HH:mm:ss');
  const order = store.order(refund.env, refund.subMchId, refund.outTradeNo);
  if (order) order.state = 'REFUND';
}

/** The refund-result event (v2 退款结果通知, req_info decrypted) sent to the refund's callback function. */
export function refundEvent(refund: PayRefund, order: PayOrder | undefined): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    appid: SERVICE_APPID,
    mchId: SERVICE_MCH_ID,
    subAppid: order?.appid,
    subMchId: refund.subMchId,
    nonceStr: nonce(),
    reqInfo: {
      transactionId: refund.transactionId,
      outTradeNo: refund.outTradeNo,
      refundId: refund.refundId,
      outRefundNo: refund.outRefundNo,
      totalFee: refund.totalFee,
      settlementTotalFee: refund.totalFee,
      refundFee: refund.refundFee,
      settlementRefundFee: refund.refundFee,
      refundStatus: refund.status,
      successTime: refund.successTime,
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    },
  };
}

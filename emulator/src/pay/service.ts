import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LocalCloud } from '../cloud';
import { TcbError } from '../errors';
import {
  HttpError,
  RawReply,
  type ActionHandler,
  type ActionRequest,
  type HttpHandler,
  type HttpRequest,
  type Service,
} from '../types';
import { decodeApiOptions } from '../openapi/proto';

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
  status: 'PROCESSING' | 'SUCCESS';
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

type Invoke = (env: string, name: string, event: unknown, opts: { source: string }) => Promise<unknown>;
type WxPayResult = Record<string, unknown>;

const SERVICE_APPID = 'wxd2d16a504f24665e';
const SERVICE_MCH_ID = '1800008281';
const SIGN_KEY = 'localcloud';
const MAX_REFUNDS_PER_ORDER = 50;

/**
 * `cloud.cloudPay.*` (action wx.wxPayApi: multipart, JSON bytes with snake_case
 * fields both ways) and the payment/refund notifications to callback functions.
 * Follows https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 * and the WeChat Pay v2 API it wraps.
 */
export class PayService implements Service {
  /** Attempts per delivery before a notice is marked failed (WeChat Pay keeps retrying for ~2 days). */
  maxAttempts = 3;
  /** Complete refunds (and notify) right after cloudPay.refund answers, instead of waiting for simulateRefund. */
  autoCompleteRefunds = false;
  private orders = new Map<string, PayOrder>();
  private refundList = new Map<string, PayRefund>();
  private noticeList = new Map<string, PayNotice>();
  private seq = 0;

  constructor(readonly cloud: LocalCloud) {
    this.load();
  }

  actions(): Record<string, ActionHandler> {
    return { 'wx.wxPayApi': (req) => this.handlePayApi(req) };
  }

  routes(): Record<string, HttpHandler> {
    return {
      'POST /__localcloud/pay/': (req) => this.controlPost(req),
      'GET /__localcloud/pay/': (req) => this.controlGet(req),
      'POST /client/requestPayment': (req) => this.clientRequestPayment(req),
    };
  }

  reset(): void {
    this.orders.clear();
    this.refundList.clear();
    this.noticeList.clear();
  }

  close(): void {
    this.save();
  }

  // ---- wx.wxPayApi ----

  async handlePayApi(req: ActionRequest): Promise<RawReply> {
    const api = String(req.body.apiName ?? '');
    let params: Record<string, any>;
    try {
      params = JSON.parse((req.parts?.requestData ?? Buffer.from('{}')).toString('utf8'));
    } catch {
      throw new TcbError('INVALID_PARAM', `cloudPay.${api}: requestData is not JSON`);
    }
    const appid =
      decodeApiOptions(req.parts?.apiOptions).appid ??
      req.invocation?.appid ??
      this.cloud.options.appid ??
      'wxlocalappid';
    const ctx = { env: req.env, params, appid, openid: req.invocation?.openid };
    let result: WxPayResult;
    switch (api) {
      case 'unifiedOrder':
        result = this.unifiedOrder(ctx);
        break;
      case 'queryOrder':
        result = this.queryOrder(ctx);
        break;
      case 'closeOrder':
        result = this.closeOrder(ctx);
        break;
      case 'refund':
        result = this.refund(ctx);
        break;
      case 'queryRefund':
        result = this.queryRefund(ctx);
        break;
      default:
        throw new TcbError('INVALID_PARAM', `api not supported by localcloud: cloudPay.${api}`);
    }
    return new RawReply(Buffer.from(JSON.stringify(result)), 'application/octet-stream');
  }

  private unifiedOrder({ env, params, appid, openid }: PayCtx): WxPayResult {
    for (const name of [
      'body',
      'out_trade_no',
      'total_fee',
      'spbill_create_ip',
      'sub_mch_id',
      'env_id',
      'function_name',
    ]) {
      if (params[name] === undefined || params[name] === null || params[name] === '')
        return returnFail(`缺少参数 ${name}`);
    }
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
    const base = this.base(subMchId, appid);
    const existing = this.orders.get(orderKey(env, subMchId, outTradeNo));
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND')
        return bizFail(base, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return bizFail(base, 'ORDERCLOSED', '该订单已关闭');
      const same =
        existing.body === body &&
        existing.totalFee === totalFee &&
        (existing.attach ?? '') === String(params.attach ?? '') &&
        existing.tradeType === tradeType;
      if (!same) return bizFail(base, 'INVALID_REQUEST', '201 商户订单号重复');
      return {
        ...base,
        result_code: 'SUCCESS',
        trade_type: tradeType,
        prepay_id: existing.prepayId,
        payment: this.payment(existing),
      };
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
      prepayId: `wx${beijing(this.cloud.clock.now(), 'yyyyMMddHHmmss')}${randomBytes(10).toString('hex')}`.slice(0, 36),
      state: 'NOTPAY',
      createdAt: this.cloud.clock.now(),
    };
    this.orders.set(orderKey(env, subMchId, outTradeNo), order);
    return {
      ...base,
      result_code: 'SUCCESS',
      trade_type: tradeType,
      prepay_id: order.prepayId,
      payment: this.payment(order),
    };
  }

  private queryOrder({ env, params, appid }: PayCtx): WxPayResult {
    const subMchId = String(params.sub_mch_id ?? '');
    if (!subMchId) return returnFail('缺少参数 sub_mch_id');
    if (!params.out_trade_no && !params.transaction_id) return returnFail('缺少参数 out_trade_no 或 transaction_id');
    const base = this.base(subMchId, appid);
    const order = this.findOrder(env, {
      subMchId,
      outTradeNo: params.out_trade_no,
      transactionId: params.transaction_id,
    });
    if (!order) return bizFail(base, 'ORDERNOTEXIST', '此交易订单号不存在');
    const desc: Record<TradeState, string> = {
      NOTPAY: '订单未支付',
      SUCCESS: '支付成功',
      REFUND: '订单发生过退款',
      CLOSED: '订单已关闭',
    };
    const out: WxPayResult = {
      ...base,
      result_code: 'SUCCESS',
      out_trade_no: order.outTradeNo,
      trade_state: order.state,
      trade_state_desc: desc[order.state],
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

  private closeOrder({ env, params, appid }: PayCtx): WxPayResult {
    const subMchId = String(params.sub_mch_id ?? '');
    if (!subMchId || !params.out_trade_no) return returnFail('缺少参数 sub_mch_id 或 out_trade_no');
    const base = this.base(subMchId, appid);
    const order = this.orders.get(orderKey(env, subMchId, String(params.out_trade_no)));
    if (!order) return bizFail(base, 'ORDERNOTEXIST', '订单不存在');
    if (order.state === 'SUCCESS' || order.state === 'REFUND')
      return bizFail(base, 'ORDERPAID', '订单已支付，不能发起关单');
    if (order.state === 'CLOSED') return bizFail(base, 'ORDERCLOSED', '订单已关闭，无法重复关闭');
    order.state = 'CLOSED';
    order.closedAt = this.cloud.clock.now();
    return { ...base, result_code: 'SUCCESS' };
  }

  private refund({ env, params, appid }: PayCtx): WxPayResult {
    for (const name of ['sub_mch_id', 'out_refund_no', 'total_fee', 'refund_fee']) {
      if (params[name] === undefined || params[name] === null || params[name] === '')
        return returnFail(`缺少参数 ${name}`);
    }
    if (!params.out_trade_no && !params.transaction_id) return returnFail('缺少参数 out_trade_no 或 transaction_id');
    const subMchId = String(params.sub_mch_id);
    const base = this.base(subMchId, appid);
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
    const order = this.findOrder(env, {
      subMchId,
      outTradeNo: params.out_trade_no,
      transactionId: params.transaction_id,
    });
    if (!order || !order.transactionId) return bizFail(base, 'ORDERNOTEXIST', '订单不存在或未支付');
    const previous = this.refundList.get(refundKey(env, subMchId, outRefundNo));
    if (previous) {
      // Same out_refund_no again: the same refund (a failed refund must be retried with its original number).
      if (
        previous.outTradeNo !== order.outTradeNo ||
        previous.refundFee !== refundFee ||
        previous.totalFee !== totalFee
      ) {
        return bizFail(base, 'REFUND_FEE_MISMATCH', '订单金额或退款金额与之前请求不一致，请核实后再试');
      }
      return this.refundAnswer(base, previous);
    }
    if (totalFee !== order.totalFee) return bizFail(base, 'INVALID_REQUEST', '订单金额与原订单不一致');
    const refunds = [...this.refundList.values()].filter(
      (r) => r.env === env && r.subMchId === subMchId && r.outTradeNo === order.outTradeNo,
    );
    if (refunds.length >= MAX_REFUNDS_PER_ORDER) return bizFail(base, 'INVALID_REQUEST', '退款次数超过限制(50次)');
    const refunded = refunds.reduce((sum, r) => sum + r.refundFee, 0);
    if (refundFee > order.totalFee - refunded) return bizFail(base, 'INVALID_REQUEST', '累计退款金额大于支付金额');
    const refund: PayRefund = {
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
      createdAt: this.cloud.clock.now(),
    };
    this.refundList.set(refundKey(env, subMchId, outRefundNo), refund);
    if (this.autoCompleteRefunds) setImmediate(() => void this.simulateRefund(env, outRefundNo).catch(() => undefined));
    return this.refundAnswer(base, refund);
  }

  private refundAnswer(base: WxPayResult, r: PayRefund): WxPayResult {
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

  private queryRefund({ env, params, appid }: PayCtx): WxPayResult {
    const subMchId = String(params.sub_mch_id ?? '');
    if (!subMchId) return returnFail('缺少参数 sub_mch_id');
    const base = this.base(subMchId, appid);
    const mine = [...this.refundList.values()].filter((r) => r.env === env && r.subMchId === subMchId);
    let list: PayRefund[];
    if (params.refund_id) list = mine.filter((r) => r.refundId === params.refund_id);
    else if (params.out_refund_no) list = mine.filter((r) => r.outRefundNo === params.out_refund_no);
    else if (params.transaction_id) list = mine.filter((r) => r.transactionId === params.transaction_id);
    else if (params.out_trade_no) list = mine.filter((r) => r.outTradeNo === params.out_trade_no);
    else return returnFail('缺少参数 out_refund_no、out_trade_no、transaction_id 或 refund_id');
    if (list.length === 0) return bizFail(base, 'REFUNDNOTEXIST', '退款订单查询失败');
    const order = this.orders.get(orderKey(env, subMchId, list[0].outTradeNo));
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

  // ---- simulation API ----

  findOrder(
    env: string,
    q: { subMchId?: string; outTradeNo?: string; transactionId?: string; prepayId?: string },
  ): PayOrder | undefined {
    for (const o of this.orders.values()) {
      if (o.env !== env) continue;
      if (q.subMchId && o.subMchId !== q.subMchId) continue;
      if (q.transactionId) {
        if (o.transactionId === q.transactionId) return o;
        continue;
      }
      if (q.prepayId) {
        if (o.prepayId === q.prepayId) return o;
        continue;
      }
      if (q.outTradeNo && o.outTradeNo === String(q.outTradeNo)) return o;
    }
    return undefined;
  }

  listOrders(env: string): PayOrder[] {
    return [...this.orders.values()].filter((o) => o.env === env);
  }
  listRefunds(env: string): PayRefund[] {
    return [...this.refundList.values()].filter((r) => r.env === env);
  }
  notices(env: string): PayNotice[] {
    return [...this.noticeList.values()].filter((n) => n.env === env);
  }
  pendingNotices(env: string): PayNotice[] {
    return this.notices(env).filter((n) => n.status === 'pending');
  }

  /**
   * The user pays: the order becomes SUCCESS and WeChat Pay notifies the function
   * given to unifiedOrder with the payment-result event. Paying an already paid
   * order only sends the notification again (as a WeChat Pay retry would).
   */
  async simulatePay(
    env: string,
    outTradeNo: string,
    opts: SimulateOptions = {},
  ): Promise<{ order: PayOrder; notices: PayNotice[] }> {
    const order = this.findOrder(env, { outTradeNo, subMchId: opts.subMchId });
    if (!order) throw new HttpError(404, `no order ${outTradeNo} in env ${env}`);
    return this.pay(order, opts);
  }

  private async pay(order: PayOrder, opts: SimulateOptions): Promise<{ order: PayOrder; notices: PayNotice[] }> {
    if (order.state === 'CLOSED') throw new HttpError(409, `order ${order.outTradeNo} is closed`);
    if (order.state === 'NOTPAY') {
      const now = this.cloud.clock.now();
      order.state = 'SUCCESS';
      order.transactionId = `4200${digits(24)}`;
      order.payer = opts.openid ?? order.openid ?? 'oLocalPayer';
      order.paidAt = now;
      order.timeEnd = beijing(now, 'yyyyMMddHHmmss');
    }
    const event = {
      returnCode: 'SUCCESS',
      appid: SERVICE_APPID,
      mchId: SERVICE_MCH_ID,
      subAppid: order.appid,
      subMchId: order.subMchId,
      nonceStr: randomBytes(8).toString('hex'),
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
    const notices = await this.notify(
      order.env,
      'payment',
      order.outTradeNo,
      order.envId,
      order.functionName,
      event,
      opts,
    );
    return { order, notices };
  }

  /** The refund completes: status SUCCESS, the order becomes REFUND and the refund callback (if any) is notified. */
  async simulateRefund(
    env: string,
    outRefundNo: string,
    opts: Pick<SimulateOptions, 'mode' | 'times' | 'parallel'> = {},
  ): Promise<{ refund: PayRefund; notices: PayNotice[] }> {
    const refund = [...this.refundList.values()].find((r) => r.env === env && r.outRefundNo === outRefundNo);
    if (!refund) throw new HttpError(404, `no refund ${outRefundNo} in env ${env}`);
    if (refund.status === 'PROCESSING') {
      const now = this.cloud.clock.now();
      refund.status = 'SUCCESS';
      refund.successAt = now;
      refund.successTime = beijing(now, 'yyyy-MM-dd HH:mm:ss');
      const order = this.orders.get(orderKey(env, refund.subMchId, refund.outTradeNo));
      if (order) order.state = 'REFUND';
    }
    if (!refund.functionName) return { refund, notices: [] };
    const order = this.orders.get(orderKey(env, refund.subMchId, refund.outTradeNo));
    const event = {
      returnCode: 'SUCCESS',
      appid: SERVICE_APPID,
      mchId: SERVICE_MCH_ID,
      subAppid: order?.appid,
      subMchId: refund.subMchId,
      nonceStr: randomBytes(8).toString('hex'),
      reqInfo: {
        transactionId: refund.transactionId,
        outTradeNo: refund.outTradeNo,
        refundId: refund.refundId,
        outRefundNo: refund.outRefundNo,
        totalFee: refund.totalFee,
        settlementTotalFee: refund.totalFee,
        refundFee: refund.refundFee,
        settlementRefundFee: refund.refundFee,
        refundStatus: 'SUCCESS',
        successTime: refund.successTime,
        refundRecvAccout: '支付用户零钱',
        refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        refundRequestSource: 'API',
      },
    };
    const notices = await this.notify(env, 'refund', outRefundNo, refund.envId, refund.functionName, event, opts);
    return { refund, notices };
  }

  /** Deliver a queued (or failed) notice now; deliver notices in any order to test out-of-order arrival. */
  async deliver(noticeId: string): Promise<PayNotice> {
    const notice = this.noticeList.get(noticeId);
    if (!notice) throw new HttpError(404, `no notice ${noticeId}`);
    await this.attempt(notice);
    return notice;
  }

  /** Deliver every pending notice of an env, oldest first (or newest first). */
  async deliverAll(env: string, order: 'oldest' | 'newest' = 'oldest'): Promise<PayNotice[]> {
    const pending = this.pendingNotices(env);
    if (order === 'newest') pending.reverse();
    for (const n of pending) await this.attempt(n);
    return pending;
  }

  private async notify(
    env: string,
    kind: PayNotice['kind'],
    ref: string,
    envId: string,
    functionName: string,
    event: Record<string, unknown>,
    opts: SimulateOptions,
  ): Promise<PayNotice[]> {
    const mode = opts.mode ?? 'normal';
    const count = mode === 'duplicate' ? Math.max(2, opts.times ?? 2) : 1;
    const notices: PayNotice[] = [];
    for (let i = 0; i < count; i++) {
      const notice: PayNotice = {
        id: `notice-${++this.seq}-${randomUUID().slice(0, 8)}`,
        env,
        kind,
        ref,
        envId,
        functionName,
        event: structuredClone(event),
        status: 'pending',
        createdAt: this.cloud.clock.now(),
        attempts: [],
      };
      this.noticeList.set(notice.id, notice);
      notices.push(notice);
    }
    if (mode === 'delayed') return notices;
    if (opts.parallel) await Promise.all(notices.map((n) => this.attempt(n)));
    else for (const n of notices) await this.attempt(n);
    return notices;
  }

  /** One delivery: call the function until it answers {errcode: 0}, at most maxAttempts times. */
  private async attempt(notice: PayNotice): Promise<void> {
    const invoke = (this.cloud.functions as unknown as { invoke?: Invoke }).invoke;
    for (let i = 0; i < this.maxAttempts; i++) {
      const at = this.cloud.clock.now();
      try {
        if (typeof invoke !== 'function') throw new Error('function runner has no invoke()');
        const result = await invoke.call(
          this.cloud.functions,
          notice.envId,
          notice.functionName,
          structuredClone(notice.event),
          {
            source: 'wxpay',
          },
        );
        const ok = !!result && typeof result === 'object' && (result as { errcode?: unknown }).errcode === 0;
        notice.attempts.push({ at, ok, result });
        if (ok) {
          notice.status = 'delivered';
          return;
        }
      } catch (err) {
        notice.attempts.push({ at, ok: false, error: String((err as Error)?.message ?? err) });
      }
    }
    notice.status = 'failed';
  }

  // ---- HTTP control routes ----

  private async controlPost(req: HttpRequest): Promise<unknown> {
    const body = jsonBody(req);
    const env = String(body.env ?? req.query.get('env') ?? 'local-env');
    switch (req.path) {
      case 'simulate':
        return this.simulatePay(env, String(body.outTradeNo ?? ''), {
          mode: body.mode,
          openid: body.openid,
          times: body.times,
          parallel: body.parallel,
          subMchId: body.subMchId,
        });
      case 'simulateRefund':
        return this.simulateRefund(env, String(body.outRefundNo ?? ''), { mode: body.mode, times: body.times });
      case 'deliver':
        return body.noticeId ? this.deliver(String(body.noticeId)) : this.deliverAll(env, body.order);
      default:
        throw new HttpError(404, `no pay control ${req.path}`);
    }
  }

  private controlGet(req: HttpRequest): unknown {
    const env = req.query.get('env') || 'local-env';
    switch (req.path) {
      case 'orders':
        return this.listOrders(env);
      case 'refunds':
        return this.listRefunds(env);
      case 'notices':
        return this.notices(env);
      default:
        throw new HttpError(404, `no pay listing ${req.path}`);
    }
  }

  /**
   * The mini-program's local mode of wx.requestPayment: finds the order by the
   * prepay_id in `package`, pays it as the X-WX-OPENID user and answers like the success callback.
   */
  private async clientRequestPayment(req: HttpRequest): Promise<unknown> {
    const body = jsonBody(req);
    const env = String(body.env ?? req.query.get('env') ?? 'local-env');
    const prepayId = String(body.package ?? '').replace(/^prepay_id=/, '') || String(body.prepayId ?? '');
    const order = this.findOrder(env, { prepayId });
    const fail = (errMsg: string) =>
      new RawReply(Buffer.from(JSON.stringify({ errMsg })), 'application/json; charset=utf-8', 400);
    if (!order) return fail('requestPayment:fail prepay_id not found');
    if (body.cancel) return fail('requestPayment:fail cancel');
    if (order.state !== 'NOTPAY') return fail(`requestPayment:fail order is ${order.state}`);
    const openid = req.headers['x-wx-openid'];
    await this.pay(order, { openid: Array.isArray(openid) ? openid[0] : openid, mode: body.mode });
    return { errMsg: 'requestPayment:ok' };
  }

  // ---- helpers ----

  private base(subMchId: string, appid: string): WxPayResult {
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: SERVICE_APPID,
      mch_id: SERVICE_MCH_ID,
      sub_appid: appid,
      sub_mch_id: subMchId,
      nonce_str: randomBytes(8).toString('hex'),
      sign: randomBytes(16).toString('hex').toUpperCase(),
    };
  }

  /** What wx.requestPayment needs. paySign is an MD5 over the fields with a local key: not a valid WeChat signature. */
  private payment(order: PayOrder): Record<string, string> {
    const fields: Record<string, string> = {
      appId: order.appid,
      timeStamp: String(Math.floor(this.cloud.clock.now() / 1000)),
      nonceStr: randomBytes(8).toString('hex'),
      package: `prepay_id=${order.prepayId}`,
      signType: 'MD5',
    };
    const text = Object.keys(fields)
      .sort()
      .map((k) => `${k}=${fields[k]}`)
      .join('&');
    return { ...fields, paySign: createHash('md5').update(`${text}&key=${SIGN_KEY}`).digest('hex').toUpperCase() };
  }

  private file(): string | undefined {
    return this.cloud.options.dataDir ? path.join(this.cloud.options.dataDir, 'pay.json') : undefined;
  }

  private save(): void {
    const file = this.file();
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        orders: [...this.orders.values()],
        refunds: [...this.refundList.values()],
        notices: [...this.noticeList.values()],
      }),
    );
  }

  private load(): void {
    const file = this.file();
    if (!file || !fs.existsSync(file)) return;
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const o of data.orders ?? []) this.orders.set(orderKey(o.env, o.subMchId, o.outTradeNo), o);
      for (const r of data.refunds ?? []) this.refundList.set(refundKey(r.env, r.subMchId, r.outRefundNo), r);
      for (const n of data.notices ?? []) this.noticeList.set(n.id, n);
    } catch {
      // A damaged snapshot starts empty.
    }
  }
}

interface PayCtx {
  env: string;
  params: Record<string, any>;
  appid: string;
  openid?: string;
}

const orderKey = (env: string, subMchId: string, outTradeNo: string) => `${env}\n${subMchId}\n${outTradeNo}`;
const refundKey = (env: string, subMchId: string, outRefundNo: string) => `${env}\n${subMchId}\n${outRefundNo}`;

/** A request WeChat Pay rejects before business logic (return_code FAIL). */
function returnFail(msg: string): WxPayResult {
  return { return_code: 'FAIL', return_msg: msg };
}

/** A business failure (return_code SUCCESS, result_code FAIL, err_code). */
function bizFail(base: WxPayResult, errCode: string, des: string): WxPayResult {
  // wx-server-sdk overwrites the camel-cased err_code with its own errCode: 0, so
  // functions only see resultCode, errCodeDes and resultMsg.
  return { ...base, result_code: 'FAIL', result_msg: des, err_code: errCode, err_code_des: des };
}

function digits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomBytes(4).readUInt32BE(0));
  return s.slice(0, n);
}

/** Format a time in Beijing time (UTC+8), as WeChat Pay does. */
function beijing(ms: number, format: 'yyyyMMddHHmmss' | 'yyyy-MM-dd HH:mm:ss'): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const [y, mo, da, h, mi, s] = [
    d.getUTCFullYear(),
    p(d.getUTCMonth() + 1),
    p(d.getUTCDate()),
    p(d.getUTCHours()),
    p(d.getUTCMinutes()),
    p(d.getUTCSeconds()),
  ];
  return format === 'yyyyMMddHHmmss' ? `${y}${mo}${da}${h}${mi}${s}` : `${y}-${mo}-${da} ${h}:${mi}:${s}`;
}

function jsonBody(req: HttpRequest): Record<string, any> {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

import path from 'node:path';
import type { LocalCloud } from '../cloud';
import { TcbError } from '../errors';
import {
  HttpError,
  type ActionHandler,
  type ActionRequest,
  type HttpHandler,
  type RawReply,
  type Service,
} from '../types';
import { payRoutes } from './control';
import { Notifier } from './notify';
import { closeOrder, markPaid, paymentEvent, queryOrder, unifiedOrder } from './orders';
import { completeRefund, queryRefund, refund, refundEvent } from './refunds';
import { PayStore } from './store';
import type { PayNotice, PayOrder, PayRefund, SimulateOptions } from './types';
import { payReply, readPayCall, type PayCtx, type WxPayResult } from './wire';

/**
 * `cloud.cloudPay.*` (action wx.wxPayApi: multipart, JSON bytes with snake_case
 * fields both ways) and the payment/refund notifications to callback functions.
 * Follows https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/open/pay/CloudPay.unifiedOrder.html
 * and the WeChat Pay v2 API it wraps.
 *
 * The parts: wire.ts (decoding calls, answer envelopes), orders.ts (unifiedOrder,
 * queryOrder, closeOrder, paying), refunds.ts (refund, queryRefund, completing),
 * notify.ts (notices: duplicate/delayed delivery, retries), store.ts (state and
 * persistence), control.ts (HTTP control API and the client's requestPayment).
 */
export class PayService implements Service {
  /**
   * Milliseconds after which an accepted refund completes by itself and its refund
   * notice goes out, as WeChat Pay's would; undefined: refunds wait for simulateRefund.
   */
  refundDelayMs: number | undefined;
  private readonly store = new PayStore();
  private readonly notifier: Notifier;
  private readonly refundTimers = new Set<NodeJS.Timeout>();

  constructor(readonly cloud: LocalCloud) {
    this.notifier = new Notifier(cloud, this.store);
    this.refundDelayMs = cloud.options.refundDelayMs;
    const file = this.file();
    if (file) this.store.load(file);
    // Refunds still PROCESSING when the data folder was last closed complete after a restart too.
    for (const r of this.store.listRefunds()) if (r.status === 'PROCESSING') this.completeLater(r);
  }

  /** Attempts per delivery before a notice is marked failed (WeChat Pay keeps retrying for ~2 days). */
  get maxAttempts(): number {
    return this.notifier.maxAttempts;
  }
  set maxAttempts(n: number) {
    this.notifier.maxAttempts = n;
  }

  actions(): Record<string, ActionHandler> {
    return { 'wx.wxPayApi': (req) => this.handlePayApi(req) };
  }

  routes(): Record<string, HttpHandler> {
    return payRoutes(this);
  }

  reset(): void {
    this.store.clear();
  }

  close(): void {
    for (const timer of this.refundTimers) clearTimeout(timer);
    this.refundTimers.clear();
    const file = this.file();
    if (file) this.store.save(file);
  }

  async handlePayApi(req: ActionRequest): Promise<RawReply> {
    const { api, ctx } = readPayCall(req, this.cloud.options.appid);
    return payReply(this.answer(api, ctx));
  }

  private answer(api: string, ctx: PayCtx): WxPayResult {
    const now = this.cloud.clock.now();
    switch (api) {
      case 'unifiedOrder':
        return unifiedOrder(this.store, now, ctx);
      case 'queryOrder':
        return queryOrder(this.store, ctx);
      case 'closeOrder':
        return closeOrder(this.store, now, ctx);
      case 'refund':
        return refund(this.store, now, ctx, (created) => this.completeLater(created));
      case 'queryRefund':
        return queryRefund(this.store, ctx);
      default:
        throw new TcbError('INVALID_PARAM', `api not supported by localcloud: cloudPay.${api}`);
    }
  }

  // ---- simulation API ----

  findOrder(
    env: string,
    q: { subMchId?: string; outTradeNo?: string; transactionId?: string; prepayId?: string },
  ): PayOrder | undefined {
    return this.store.findOrder(env, q);
  }

  listOrders(env: string): PayOrder[] {
    return this.store.listOrders(env);
  }
  listRefunds(env: string): PayRefund[] {
    return this.store.listRefunds(env);
  }
  notices(env: string): PayNotice[] {
    return this.store.listNotices(env);
  }
  pendingNotices(env: string): PayNotice[] {
    return this.notifier.pending(env);
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
    const order = this.store.findOrder(env, { outTradeNo, subMchId: opts.subMchId });
    if (!order)
      throw new HttpError(
        404,
        `no order ${outTradeNo} in env ${env}: GET /__localcloud/pay/orders?env=${env} lists the orders unifiedOrder created`,
      );
    if (order.state === 'CLOSED') throw new HttpError(409, `order ${order.outTradeNo} is closed`);
    markPaid(order, opts.openid, this.cloud.clock.now());
    const notices = await this.notifier.notify(
      {
        env: order.env,
        kind: 'payment',
        ref: order.outTradeNo,
        envId: order.envId,
        functionName: order.functionName,
        event: paymentEvent(order),
      },
      opts,
    );
    return { order, notices };
  }

  /**
   * The refund ends: by default SUCCESS (the order becomes REFUND); `status`
   * CHANGE (退款异常) or REFUNDCLOSE (退款关闭) ends it without the money going
   * back. The refund callback (if any) is notified with that refund_status.
   */
  async simulateRefund(
    env: string,
    outRefundNo: string,
    opts: Pick<SimulateOptions, 'mode' | 'times' | 'parallel'> & { status?: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE' } = {},
  ): Promise<{ refund: PayRefund; notices: PayNotice[] }> {
    const refund = this.store.listRefunds(env).find((r) => r.outRefundNo === outRefundNo);
    if (!refund)
      throw new HttpError(
        404,
        `no refund ${outRefundNo} in env ${env}: GET /__localcloud/pay/refunds?env=${env} lists the refunds asked for`,
      );
    completeRefund(this.store, refund, this.cloud.clock.now(), opts.status);
    if (!refund.functionName) return { refund, notices: [] };
    const order = this.store.order(env, refund.subMchId, refund.outTradeNo);
    const notices = await this.notifier.notify(
      {
        env,
        kind: 'refund',
        ref: outRefundNo,
        envId: refund.envId,
        functionName: refund.functionName,
        event: refundEvent(refund, order),
      },
      opts,
    );
    return { refund, notices };
  }

  /** Deliver a queued (or failed) notice now; deliver notices in any order to test out-of-order arrival. */
  deliver(noticeId: string): Promise<PayNotice> {
    return this.notifier.deliver(noticeId);
  }

  /** Deliver every pending notice of an env, oldest first (or newest first). */
  deliverAll(env: string, order: 'oldest' | 'newest' = 'oldest'): Promise<PayNotice[]> {
    return this.notifier.deliverAll(env, order);
  }

  /** With refundDelayMs set: the refund completes (and is notified) after that delay. */
  private completeLater(r: PayRefund): void {
    if (this.refundDelayMs === undefined) return;
    const timer = setTimeout(() => {
      this.refundTimers.delete(timer);
      if (r.status !== 'PROCESSING') return;
      this.simulateRefund(r.env, r.outRefundNo).catch((err: Error) =>
        console.error(`[pay] refund ${r.outRefundNo} did not complete: ${err.message}`),
      );
    }, this.refundDelayMs);
    timer.unref();
    this.refundTimers.add(timer);
  }

  private file(): string | undefined {
    return this.cloud.options.dataDir ? path.join(this.cloud.options.dataDir, 'pay.json') : undefined;
  }
}

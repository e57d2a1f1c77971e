import { makeAutoObservable } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { isRetryable, userMessage } from '../lib/errors';
import { newRequestId } from '../lib/ids';
import { track } from '../lib/track';
import { cartStore } from './cart';
import { couponStore } from './coupons';
import { pointsStore } from './points';
import { orderStore } from './order';
import { noticeStore } from './notices';
import { userStore } from './user';
import { Load } from './load-state';
import type { RequestedLineInput } from '../../typings/contracts/order';
import type { OrderView } from '../../typings/api';

/** One line the checkout shows: the cart's estimate until the order exists, then the server's. */
export interface CheckoutLine {
  batchItemId: string;
  title: string;
  image?: string;
  qty: number;
  amountFen: number;
}

/** 提交订单: the cart's buyable lines become one order, paid with WeChat Pay. */
export class CheckoutStore {
  /** One per checkout attempt: a retried create with it answers the same order instead of a second one. */
  clientRequestId = '';
  created: OrderView | null = null;
  readonly createLoad = new Load(() => false);

  constructor() {
    makeAutoObservable(this, { createLoad: false });
  }

  /** Once the order exists its lines and total are the server's, whatever the cart says. */
  get lines(): CheckoutLine[] {
    if (this.created) return this.created.lines;
    return cartStore.buyableLines.map((l) => ({ ...l, amountFen: l.priceFen * l.qty }));
  }

  /**
   * 积分抵扣: what the balance can take off what is left after the coupon (the server's rule, so the
   * same figure it will take); once the order exists, what it took. None: the row is hidden.
   */
  get points(): { points: number; fen: number } {
    if (this.created) return { points: this.created.points?.used ?? 0, fen: this.created.points?.fen ?? 0 };
    return pointsStore.offer(cartStore.buyableTotalFen - couponStore.discountFen);
  }

  /** The server's total once the order exists; before, the cart less the coupon and the points switched on. */
  get totalFen(): number {
    if (this.created) return this.created.totalFen;
    return cartStore.buyableTotalFen - couponStore.discountFen - (pointsStore.use ? this.points.fen : 0);
  }

  /** The checkout page opens: a new attempt. */
  begin(): void {
    this.clientRequestId = newRequestId();
    this.created = null;
    this.createLoad.reset();
    const lines = cartStore.buyableLines;
    const batchId = lines[0]?.batchId ?? '';
    track('checkout', { batchId });
    void pointsStore.beginCheckout();
    // The resident's coupons against this cart, the best one chosen (the order's lines are one batch's).
    void couponStore.loadForCart(
      batchId,
      lines.filter((l) => l.batchId === batchId).map((l) => ({ batchItemId: l.batchItemId, qty: l.qty })),
    );
  }

  /**
   * Creates the order (once per attempt), then pays it and lands on its detail page,
   * paid or not: that is where to pay, cancel or pick up. A failed create shows on
   * the page with 重试.
   */
  async submit(): Promise<void> {
    if (this.createLoad.busy) return;
    const point = userStore.pickupPoint;
    if (!point) return void wx.showToast({ title: '请先选择自提点', icon: 'none' });
    const lines = cartStore.buyableLines;
    const batchId = lines[0]?.batchId;
    if (!this.created && (!lines.length || !batchId)) {
      return void wx.showToast({ title: '没有可购买的商品', icon: 'none' });
    }
    // Must run inside the tap, before any await: WeChat only shows the consent sheet for a user gesture.
    // Every template the system sends (pickup notice, reminder, refund), in one sheet.
    const consent = noticeStore.ask();
    const order = await this.create({
      batchId: batchId ?? this.created!.batchId,
      pickupPointId: point._id,
      // One batch per order; lines of another batch stay in the cart for the next one.
      lines: lines.filter((l) => l.batchId === batchId).map((l) => ({ batchItemId: l.batchItemId, qty: l.qty })),
      ...(couponStore.chosenIds.length ? { couponIds: couponStore.chosenIds } : {}),
      ...(pointsStore.use && this.points.points > 0 ? { usePoints: true } : {}),
    });
    if (!order) return;
    cartStore.removeOrdered(order.lines.map((l) => l.batchItemId));
    await consent;
    let outcome: string;
    try {
      outcome = await orderStore.pay(order._id);
    } catch (err) {
      outcome = 'failed';
      wx.showToast({ title: userMessage(err), icon: 'none' });
    }
    if (outcome === 'paid') wx.showToast({ title: '支付成功', icon: 'success' });
    else if (outcome === 'cancelled') wx.showToast({ title: '已取消支付，可在订单中继续支付', icon: 'none' });
    wx.redirectTo({ url: `/packages/order/detail/index?id=${order._id}` });
  }

  /**
   * A retry after a network failure reuses the clientRequestId, so the server answers
   * the order it may already have made; a definite refusal (sold out, limit) starts a
   * new attempt because the cart will change.
   */
  private async create(input: {
    batchId: string;
    pickupPointId: string;
    lines: RequestedLineInput[];
    couponIds?: string[];
    usePoints?: boolean;
  }): Promise<OrderView | undefined> {
    if (this.created) return this.created;
    if (!this.clientRequestId) this.clientRequestId = newRequestId();
    const clientRequestId = this.clientRequestId;
    return this.createLoad.run(
      () => orderService.create({ clientRequestId, ...input }),
      (order) => {
        this.created = order;
        track('order', { batchId: order.batchId });
      },
      {
        failed: (err) => {
          if (!isRetryable(err)) this.clientRequestId = newRequestId();
        },
      },
    );
  }
}

export const checkoutStore = new CheckoutStore();

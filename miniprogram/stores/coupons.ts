import { makeAutoObservable } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { errorCode, userMessage } from '../lib/errors';
import { Load } from './load-state';
import type { RequestedLineInput } from '../../typings/contracts/order';
import type { CartCoupons, ClaimState, CouponOffer, MyCouponView } from '../../typings/coupons';

/** 领券中心, 我的优惠券, and the coupon a checkout uses (the server's best one unless the resident picks). */
export class CouponStore {
  offers: CouponOffer[] = [];
  readonly offersLoad = new Load(() => this.offers.length === 0);
  mine: MyCouponView[] = [];
  mineState: ClaimState = 'unused';
  readonly mineLoad = new Load(() => this.mine.length === 0);
  /** Claiming one (its id while in flight). */
  claiming = '';

  cart: CartCoupons | null = null;
  /** The copies the checkout sends (none, one, or with stacking the best platform + 团长券 pair). */
  chosenIds: string[] = [];

  constructor() {
    makeAutoObservable(this, { offersLoad: false, mineLoad: false });
  }

  async loadOffers(): Promise<void> {
    await this.offersLoad.run(
      () => orderService.couponOffers(),
      (o) => (this.offers = o),
    );
  }

  async loadMine(state: ClaimState = this.mineState): Promise<void> {
    this.mineState = state;
    await this.mineLoad.run(
      () => orderService.myCoupons(state),
      (m) => (this.mine = m),
    );
  }

  /** 立即领取: one copy; the list then says what is left and what the resident holds. */
  async claim(couponId: string): Promise<void> {
    if (this.claiming) return;
    this.claiming = couponId;
    try {
      await orderService.claimCoupon(couponId);
      wx.showToast({ title: '领取成功，下单时自动使用', icon: 'none' });
    } catch (err) {
      wx.showToast({
        title: errorCode(err) === 'INVALID_STATE' ? '领不了了：已抢光或已领满' : userMessage(err),
        icon: 'none',
      });
    } finally {
      this.claiming = '';
    }
    await this.loadOffers();
  }

  /** Checkout opens: the resident's copies against this cart; the best one is chosen. A failure just offers none. */
  async loadForCart(batchId: string, lines: RequestedLineInput[]): Promise<void> {
    this.cart = null;
    this.chosenIds = [];
    if (!batchId || !lines.length) return;
    try {
      const cart = await orderService.couponsForCart(batchId, lines);
      this.cart = cart;
      this.chosenIds = cart.bestIds ?? (cart.bestId ? [cart.bestId] : []);
    } catch {
      // No coupon is offered; the order goes at list price.
    }
  }

  /** One copy, or [] for 不使用, or the server's best pair. */
  choose(ids: string[]): void {
    this.chosenIds = ids;
  }

  /** The chosen copies as the cart lists them. */
  get chosen(): CartCoupons['coupons'] {
    return (this.cart?.coupons ?? []).filter((c) => this.chosenIds.includes(c._id));
  }

  /** The chosen copies' discount (0 when none): a pair's as the server worked it out, applied one after the other. */
  get discountFen(): number {
    if (this.chosenIds.length > 1) return this.cart?.bestDiscountFen ?? 0;
    const c = this.chosen[0];
    return c && c.applies ? c.discountFen : 0;
  }
}

export const couponStore = new CouponStore();

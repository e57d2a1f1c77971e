import { makeAutoObservable } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { errorCode, userMessage } from '../lib/errors';
import { Load, PagedLoad } from './load-state';
import { pointsDiscount } from '../../typings/points';
import type { PointsEntryView, PointsSummary } from '../../typings/points';

export const POINTS_PAGE_SIZE = 20;

/** 我的积分 (balance, level, rules, 积分明细, the monthly level coupon) and the checkout's 积分抵扣. */
export class PointsStore {
  summary: PointsSummary | null = null;
  readonly summaryLoad = new Load(() => !this.summary);
  /** 积分明细: the page keeps the rows, this the paging. */
  readonly history = new PagedLoad<PointsEntryView>((page) => orderService.pointsHistory(page, POINTS_PAGE_SIZE));
  readonly couponLoad = new Load(() => false);
  /** The checkout's switch: spend points on this order. */
  use = false;

  constructor() {
    makeAutoObservable(this, { summaryLoad: false, history: false, couponLoad: false });
  }

  async loadSummary(): Promise<void> {
    await this.summaryLoad.run(
      () => orderService.pointsSummary(),
      (summary) => (this.summary = summary),
    );
  }

  /** 领取本月会员券: once a month; the summary then says 已领取. */
  async takeMonthlyCoupon(): Promise<void> {
    if (this.couponLoad.busy) return;
    const copy = await this.couponLoad.run(() => orderService.monthlyCoupon(), undefined, {
      failed: (err) =>
        wx.showToast({
          title: errorCode(err) === 'INVALID_STATE' ? '领不了了：本月会员券已抢光或已过期' : userMessage(err),
          icon: 'none',
        }),
    });
    if (!copy) return;
    wx.showToast({ title: '领取成功，下单时自动使用', icon: 'none' });
    await this.loadSummary();
  }

  /** Checkout opens: the switch starts off; the balance and rule come fresh (a failure offers no points). */
  async beginCheckout(): Promise<void> {
    this.use = false;
    this.summary = null;
    await this.loadSummary();
  }

  setUse(use: boolean): void {
    this.use = use;
  }

  /** What the balance can take off `payableFen` (after the coupon): none when points are off or not loaded. */
  offer(payableFen: number): { points: number; fen: number } {
    const s = this.summary;
    if (!s || !s.rule.enabled || payableFen <= 0) return { points: 0, fen: 0 };
    return pointsDiscount(s.balance, payableFen, s.rule);
  }
}

export const pointsStore = new PointsStore();

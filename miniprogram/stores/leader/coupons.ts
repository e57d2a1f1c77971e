import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { errorCode, userMessage } from '../../lib/errors';
import { newRequestId } from '../../lib/ids';
import { Load } from '../load-state';
import type { LeaderCouponInput } from '../../../typings/contracts/leader';
import type { LeaderCoupons } from '../../../typings/coupons';

const OVER_BUDGET = '超出本月团长券额度，请减少数量或金额';

/** 团长券: the leader's coupons with claimed/used/cost and this month's budget; 发券 creates one. */
export class LeaderCouponStore {
  data: LeaderCoupons | null = null;
  readonly load = new Load(() => !this.data?.coupons.length);
  readonly createLoad = new Load();
  /** One per form filled: a retried 发券 after a network failure answers the same coupon. */
  private requestId = '';

  constructor() {
    makeAutoObservable<LeaderCouponStore, 'requestId'>(this, { load: false, createLoad: false, requestId: false });
  }

  async loadCoupons(): Promise<void> {
    await this.load.run(
      () => leaderService.coupons(),
      (d) => (this.data = d),
    );
  }

  /** 发券: true once created (the list is read again); the server's refusal (e.g. over the budget) shows as createLoad.error. */
  async create(input: Omit<LeaderCouponInput, 'requestId'>): Promise<boolean> {
    if (this.createLoad.busy) return false;
    this.requestId ||= newRequestId();
    const requestId = this.requestId;
    const made = await this.createLoad.run(
      () => leaderService.createCoupon({ ...input, requestId }),
      undefined,
      // INVALID_STATE here is the month's budget (the leader can act on it); the rest as everywhere.
      { message: (err) => (errorCode(err) === 'INVALID_STATE' ? OVER_BUDGET : userMessage(err)) },
    );
    if (!made) return false;
    this.requestId = '';
    await this.loadCoupons();
    return true;
  }
}

export const leaderCouponStore = new LeaderCouponStore();

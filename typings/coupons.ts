/**
 * Coupons (优惠券): what the admin creates in the console, what residents claim
 * in 领券中心 and hold in 我的优惠券. The actions are in typings/contracts/coupons.ts
 * (resident, order function) and admin/coupons.ts (console). Money is integer
 * fen; validity is a window of Asia/Shanghai business dates; instants travel as
 * ISO strings.
 *
 * Codes: INVALID_INPUT (nothing changed), FORBIDDEN, UNAUTHENTICATED, NOT_FOUND,
 * INVALID_STATE (paused, expired, sold out, limit reached, not a new resident).
 */

/** Copies one coupon may offer, and claims one resident may hold of it. */
export const COUPON_COPIES_MAX = 100_000;
export const COUPON_PER_RESIDENT_MAX = 10;

/**
 * threshold 满减 (spend ≥ thresholdFen, offFen off), fixed 立减 (offFen off any
 * order), newResident 新人券 (a resident's first order only), category 品类券
 * (only the lines of categoryIds count towards the threshold and take the discount).
 */
export type CouponKind = 'threshold' | 'fixed' | 'newResident' | 'category';

export const COUPON_KIND_LABEL: Record<CouponKind, string> = {
  threshold: '满减券',
  fixed: '立减券',
  newResident: '新人券',
  category: '品类券',
};

/** What a coupon gives and when: fixed once the coupon is created. */
export interface CouponTerms {
  kind: CouponKind;
  /** The discount, integer fen (never more than the lines it applies to). */
  offFen: number;
  /** Spend on the lines it applies to needed before it applies; 0 = none (立减). */
  thresholdFen: number;
  /** category: the categories whose lines it applies to; empty for every other kind. */
  categoryIds: string[];
  /** First and last business day (Asia/Shanghai, 'YYYY-MM-DD', inclusive) it can be claimed and used. */
  validFrom: string;
  validTo: string;
  /** 团长券: only residents of this pickup point claim it, and only on orders there. */
  pickupPointId?: string;
}

/** The kinds a leader may fund (团长券): 满减 and 立减. */
export type LeaderCouponKind = Extract<CouponKind, 'threshold' | 'fixed'>;

/** The admin's coupon rules (设置 → 优惠券). */
export interface CouponSettings {
  /** What one leader may put into coupons per Shanghai month (copies × offFen, integer fen); 0 = leaders create none. */
  leaderMonthlyBudgetFen: number;
  /** Whether one platform coupon and one 团长券 may go on the same order (off: one coupon per order). */
  stacking: boolean;
}

/** 团长券 on the leader tab: this month's budget and the leader's coupons with claimed/used/cost. */
export interface LeaderCoupons {
  month: string;
  budgetFen: number;
  /** Copies × offFen of the coupons created this month. */
  committedFen: number;
  coupons: CouponAdminView[];
}

/** active: residents may claim it; paused: nobody may claim it (claimed ones stay usable). */
export type CouponStatus = 'active' | 'paused';

/** The console's row: the terms, the copies and what the coupon cost so far. */
export interface CouponAdminView extends CouponTerms {
  _id: string;
  title: string;
  /** 团长券: the leader who funds it from commission (charged when it is used on a paid order). */
  leaderId?: string;
  status: CouponStatus;
  /** Copies on offer, claimed so far, used on orders. */
  total: number;
  claimed: number;
  used: number;
  /** Claims one resident may hold. */
  perResident: number;
  /** Discounts given on orders that used it (integer fen). */
  costFen: number;
  createdAt: string;
}

/** 领券中心: a coupon a resident may claim now, with what they hold of it already. */
export interface CouponOffer extends CouponTerms {
  _id: string;
  title: string;
  /** Copies left to claim. */
  left: number;
  perResident: number;
  /** How many of it this resident holds (claimed, used or not). */
  mine: number;
}

/** unused (can go on an order while valid), used (on an order), expired (unused past validTo). */
export type ClaimState = 'unused' | 'used' | 'expired';

/** 我的优惠券: one claimed copy. */
export interface MyCouponView extends CouponTerms {
  /** The claimed copy's id (what an order names). */
  _id: string;
  couponId: string;
  title: string;
  state: ClaimState;
  claimedAt: string;
  usedAt?: string;
  orderId?: string;
}

/** coupons.forCart: one of the caller's unused copies against a cart, with its discount or why it does not apply. */
export type CartCoupon = MyCouponView &
  ({ applies: true; discountFen: number } | { applies: false; reason: string; shortFen?: number });

/** coupons.forCart: checkout's choice. */
export interface CartCoupons {
  /** The cart at list prices. */
  listTotalFen: number;
  /** The copies that apply first (largest discount first), then the others. */
  coupons: CartCoupon[];
  /** The copy chosen by default (the largest discount; of equal ones the one expiring first); absent when none applies. */
  bestId?: string;
  /** The copies chosen by default: bestId alone, or with stacking on the best platform + 团长券 pair. */
  bestIds: string[];
  /** What bestIds take off together (0 when none applies). */
  bestDiscountFen: number;
  /** Whether the admin lets one platform coupon and one 团长券 go on one order. */
  stacking: boolean;
}

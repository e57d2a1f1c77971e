/**
 * 积分与会员等级: what residents earn, spend and see, and the rules the admin sets
 * (设置 → 积分与会员). Shared by the functions, the mini-program and the console,
 * so the checkout's estimate and the server's figure are the same arithmetic.
 *
 * - Earned when an order is picked up: earnPerYuan points per whole yuan the
 *   resident paid in cash and kept (refunded amounts earn nothing; a refund after
 *   pickup takes its share back). Also for a review (reviewPoints, once per review).
 * - Spent at checkout: pointsPerYuan points are ¥1 off, at most maxPercent of what
 *   is left to pay after the coupon, never the last fen.
 * - Points earned in one year can be used until the end of the next (Asia/Shanghai):
 *   on 1 January what is left of the year before last expires, oldest first.
 * - The level comes from the cash paid and kept over the last 12 months; a level
 *   may carry a monthly coupon the resident takes on the 积分 page.
 * The balance never goes below 0: a reversal larger than the balance takes the balance.
 */

/** Redeem rates whose ¥1 is a whole number of points and each point a whole number of fen. */
export const REDEEM_RATES = [1, 2, 4, 5, 10, 20, 25, 50, 100] as const;
export type RedeemRate = (typeof REDEEM_RATES)[number];

export interface MemberLevel {
  /** 普通会员, 银卡会员…; the first level starts at 0. */
  name: string;
  /** Cash paid and kept over the last 12 months needed, integer fen. */
  minSpendFen: number;
  /** A coupon (优惠券 _id) the level offers once a month; '' = none. */
  monthlyCouponId: string;
}

export interface PointsSettings {
  /** Off: nothing is earned or spent (the balance stays as it is). */
  enabled: boolean;
  /** Points per whole yuan paid (0-100). */
  earnPerYuan: number;
  /** Points that are ¥1 off at checkout. */
  pointsPerYuan: RedeemRate;
  /** At most this share (1-100 %) of an order's amount can be paid with points. */
  maxPercent: number;
  /** Points for one review of a picked-up order (0-1000). */
  reviewPoints: number;
  /** Ascending minSpendFen, the first at 0; 1-6 levels. */
  levels: MemberLevel[];
}

export const DEFAULT_POINTS_SETTINGS: PointsSettings = {
  enabled: true,
  earnPerYuan: 1,
  pointsPerYuan: 100,
  maxPercent: 20,
  reviewPoints: 10,
  levels: [
    { name: '普通会员', minSpendFen: 0, monthlyCouponId: '' },
    { name: '银卡会员', minSpendFen: 30_000, monthlyCouponId: '' },
    { name: '金卡会员', minSpendFen: 100_000, monthlyCouponId: '' },
    { name: '钻石会员', minSpendFen: 300_000, monthlyCouponId: '' },
  ],
};

/** Points earned for cash paid and kept. */
export function pointsEarned(keptFen: number, earnPerYuan: number): number {
  return Math.floor(Math.max(0, keptFen) / 100) * earnPerYuan;
}

/** Fen one point is worth at this rate (a whole number: REDEEM_RATES divide 100). */
export const fenPerPoint = (pointsPerYuan: RedeemRate): number => 100 / pointsPerYuan;

/**
 * The most a balance can take off an order of `payableFen` (after the coupon):
 * whole points, at most maxPercent of it, leaving at least 1 fen to pay.
 */
export function pointsDiscount(
  balance: number,
  payableFen: number,
  rule: Pick<PointsSettings, 'pointsPerYuan' | 'maxPercent'>,
): { points: number; fen: number } {
  const per = fenPerPoint(rule.pointsPerYuan);
  const capFen = Math.min(Math.floor((payableFen * rule.maxPercent) / 100), payableFen - 1);
  const points = Math.max(0, Math.min(Math.floor(balance), Math.floor(capFen / per)));
  return { points, fen: points * per };
}

/** The level for a 12 months' spend, and the next one with what it still needs. */
export function levelFor(
  spendFen: number,
  levels: readonly MemberLevel[],
): { index: number; level: MemberLevel; next?: MemberLevel & { needFen: number } } {
  let index = 0;
  levels.forEach((l, i) => {
    if (spendFen >= l.minSpendFen) index = i;
  });
  const next = levels[index + 1];
  return { index, level: levels[index], ...(next ? { next: { ...next, needFen: next.minSpendFen - spendFen } } : {}) };
}

/** What a ledger row is for. */
export type PointsKind = 'earn' | 'reverse' | 'spend' | 'back' | 'review' | 'referral' | 'expire';

export const POINTS_KIND_LABEL: Record<PointsKind, string> = {
  earn: '取货获得',
  reverse: '退款扣回',
  spend: '下单抵扣',
  back: '退回积分',
  review: '评价奖励',
  referral: '邀请奖励',
  expire: '过期清零',
};

/** One row of 积分明细: signed points (+ earned, − spent). */
export interface PointsEntryView {
  id: string;
  kind: PointsKind;
  points: number;
  at: string;
  orderNo?: string;
}

/** The 积分 page's header: balance, what expires this year end, the level and the rules. */
export interface PointsSummary {
  balance: number;
  /** Points that expire at the end of this year (Asia/Shanghai date 'YYYY-12-31'); 0 when none. */
  expiring: { points: number; on: string };
  level: {
    name: string;
    /** Cash paid and kept over the last 12 months, integer fen. */
    spendFen: number;
    next?: { name: string; needFen: number };
    /** This month's level coupon: its title, and whether the resident took it. */
    monthlyCoupon?: { title: string; taken: boolean };
  };
  rule: Pick<PointsSettings, 'enabled' | 'earnPerYuan' | 'pointsPerYuan' | 'maxPercent' | 'reviewPoints'>;
}

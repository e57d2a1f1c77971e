import type { CouponStatus, CouponTerms } from '../../../typings/coupons';
import { splitProportional, sumFen } from './money';
import { businessDate } from './time';

/**
 * Coupon rules, pure. A coupon takes `offFen` off the lines it applies to
 * (every line, or a category coupon's categories' lines) once those lines come
 * to `thresholdFen`; the discount is spread over them in integer fen, so per
 * line what the resident pays + the discount = the line's list amount, and the
 * order always leaves at least MIN_PAY_FEN to pay (WeChat Pay takes no 0-fen order).
 */
export const MIN_PAY_FEN = 1;

/** Why an admin's terms cannot stand (a Chinese sentence), or undefined when they can. */
export function couponTermsProblem(t: CouponTerms, today: string): string | undefined {
  if (!Number.isSafeInteger(t.offFen) || t.offFen < 1) return '优惠金额须为正的整数分';
  if (!Number.isSafeInteger(t.thresholdFen) || t.thresholdFen < 0) return '使用门槛须为不小于 0 的整数分';
  if (t.kind === 'threshold' && t.thresholdFen <= t.offFen) return '满减券的门槛须高于优惠金额';
  if (t.kind === 'fixed' && t.thresholdFen !== 0) return '立减券没有使用门槛';
  if (t.kind === 'category' && t.categoryIds.length === 0) return '品类券须选择适用类目';
  if (t.kind !== 'category' && t.categoryIds.length > 0) return '只有品类券可以限定类目';
  if (t.validFrom > t.validTo) return '结束日期不能早于开始日期';
  if (t.validTo < today) return '结束日期已过';
  return undefined;
}

export type CouponPhase = 'upcoming' | 'valid' | 'expired';

/** Where the validity window stands at an instant: whole Shanghai days, so 23:59 on validTo is still valid. */
export function couponPhase(t: Pick<CouponTerms, 'validFrom' | 'validTo'>, at: Date): CouponPhase {
  const day = businessDate(at);
  if (day < t.validFrom) return 'upcoming';
  if (day > t.validTo) return 'expired';
  return 'valid';
}

/** What a coupon looks at in a line: its category and its list amount. */
export interface CartLine {
  categoryId: string;
  amountFen: number;
}

export interface CouponContext {
  at: Date;
  /** The resident has no earlier paid order (a new-resident coupon needs it). */
  firstOrder: boolean;
  /** The order's pickup point (a 团长券 applies only there). */
  pickupPointId?: string;
}

export type CouponFit =
  | { applies: true; discountFen: number; lineDiscounts: number[] }
  | { applies: false; reason: string; shortFen?: number };

const appliesToLine = (t: CouponTerms, line: CartLine) =>
  t.kind !== 'category' || t.categoryIds.includes(line.categoryId);

/**
 * Whether a coupon applies to these lines, and if so its discount and each
 * line's share of it (lineDiscounts[i] ≤ lines[i].amountFen, 0 on lines it does
 * not apply to, summing to discountFen). Otherwise why not, in Chinese.
 */
export function fitCoupon(t: CouponTerms, lines: readonly CartLine[], ctx: CouponContext): CouponFit {
  const phase = couponPhase(t, ctx.at);
  if (phase === 'upcoming') return { applies: false, reason: `${t.validFrom} 起可用` };
  if (phase === 'expired') return { applies: false, reason: '已过期' };
  if (t.kind === 'newResident' && !ctx.firstOrder) return { applies: false, reason: '仅限首单使用' };
  if (t.pickupPointId && t.pickupPointId !== ctx.pickupPointId)
    return { applies: false, reason: '仅限发券团长的自提点使用' };
  const weights = lines.map((l) => (appliesToLine(t, l) ? l.amountFen : 0));
  const base = sumFen(weights);
  if (base === 0) return { applies: false, reason: '没有适用的商品' };
  if (base < t.thresholdFen) return { applies: false, reason: '未达到使用门槛', shortFen: t.thresholdFen - base };
  const discountFen = Math.min(t.offFen, base, sumFen(lines.map((l) => l.amountFen)) - MIN_PAY_FEN);
  if (discountFen <= 0) return { applies: false, reason: '订单金额太小' };
  return { applies: true, discountFen, lineDiscounts: splitProportional(discountFen, weights) };
}

/**
 * The lines with a coupon's shares taken off: amountFen is then what is paid,
 * amountFen + discountFen the list amount (a second coupon adds to the first's shares).
 */
export function discountLines<L extends { amountFen: number; discountFen?: number }>(
  lines: readonly L[],
  lineDiscounts: readonly number[],
): L[] {
  return lines.map((l, i) =>
    lineDiscounts[i]
      ? { ...l, amountFen: l.amountFen - lineDiscounts[i], discountFen: (l.discountFen ?? 0) + lineDiscounts[i] }
      : l,
  );
}

/**
 * The coupon checkout picks by default: the largest discount; of equal ones
 * the one that expires first (use it before it is lost), then the first listed.
 */
export function bestCoupon<C extends { terms: CouponTerms }>(
  coupons: readonly C[],
  lines: readonly CartLine[],
  ctx: CouponContext,
): { coupon: C; discountFen: number; lineDiscounts: number[] } | undefined {
  let best: { coupon: C; discountFen: number; lineDiscounts: number[] } | undefined;
  for (const coupon of coupons) {
    const fit = fitCoupon(coupon.terms, lines, ctx);
    if (!fit.applies) continue;
    const better =
      !best ||
      fit.discountFen > best.discountFen ||
      (fit.discountFen === best.discountFen && coupon.terms.validTo < best.coupon.terms.validTo);
    if (better) best = { coupon, discountFen: fit.discountFen, lineDiscounts: fit.lineDiscounts };
  }
  return best;
}

/** One coupon of a combination: which kind funds it decides whether it may stack. */
export interface Stackable {
  terms: CouponTerms;
  /** 团长券 (funded by a leader) rather than the platform's. */
  leaderId?: string;
}

/** Why these coupons cannot go on one order together (a Chinese sentence), or undefined when they can. */
export function whyNotTogether(coupons: readonly Stackable[], stacking: boolean): string | undefined {
  if (coupons.length <= 1) return undefined;
  if (!stacking) return '每笔订单只能使用一张优惠券';
  const leader = coupons.filter((c) => c.leaderId).length;
  if (coupons.length > 2 || leader !== 1) return '每笔订单最多使用一张平台券和一张团长券';
  return undefined;
}

export type StackFit<L> =
  | { applies: true; discountFen: number; discounts: number[]; lines: L[] }
  | { applies: false; reason: string; shortFen?: number; index: number };

/**
 * Coupons applied one after another, the platform's first: each fits the lines
 * as the ones before it left them (its threshold counts what is still to pay),
 * so the shares add up per line (paid + discountFen = list amount) and the
 * order still leaves MIN_PAY_FEN to pay. `discounts` follows the coupons' order.
 */
export function fitCoupons<L extends CartLine & { discountFen?: number }>(
  coupons: readonly Stackable[],
  lines: readonly L[],
  ctx: CouponContext,
): StackFit<L> {
  const platformFirst = coupons
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(!!a.c.leaderId) - Number(!!b.c.leaderId));
  let left: L[] = [...lines];
  const discounts: number[] = coupons.map(() => 0);
  for (const { c, i } of platformFirst) {
    const fit = fitCoupon(c.terms, left, ctx);
    if (!fit.applies) return { applies: false, reason: fit.reason, shortFen: fit.shortFen, index: i };
    discounts[i] = fit.discountFen;
    left = discountLines(left, fit.lineDiscounts);
  }
  return { applies: true, discountFen: sumFen(discounts), discounts, lines: left };
}

/**
 * Checkout's default: the single coupon bestCoupon picks, or with stacking on
 * the platform + 团长券 pair that takes the most off, when it beats it.
 */
export function bestCombination<C extends Stackable>(
  coupons: readonly C[],
  lines: readonly CartLine[],
  ctx: CouponContext,
  stacking: boolean,
): C[] {
  const single = bestCoupon(coupons, lines, ctx);
  let best = single ? { picked: [single.coupon], off: single.discountFen } : { picked: [] as C[], off: 0 };
  if (!stacking) return best.picked;
  const fits = (c: C) => fitCoupon(c.terms, lines, ctx).applies;
  const platform = coupons.filter((c) => !c.leaderId && fits(c));
  const leader = coupons.filter((c) => c.leaderId && fits(c));
  for (const p of platform)
    for (const l of leader) {
      const fit = fitCoupons([p, l], lines, ctx);
      if (fit.applies && fit.discountFen > best.off) best = { picked: [p, l], off: fit.discountFen };
    }
  return best.picked;
}

/** What a claim reads back about a coupon and the resident's claims of it. */
export interface ClaimState {
  status: CouponStatus;
  validTo: string;
  total: number;
  claimed: number;
  perResident: number;
  /** Copies this resident holds already. */
  held: number;
}

/** Why a claim is (or was) refused, in the order a resident should hear it; undefined when it may go ahead. */
export function whyNotClaimed(s: ClaimState, at: Date): string | undefined {
  if (s.status !== 'active') return '该优惠券已暂停领取';
  if (businessDate(at) > s.validTo) return '该优惠券已过期';
  if (s.held >= s.perResident) return `每人限领 ${s.perResident} 张`;
  if (s.claimed >= s.total) return '优惠券已领完';
  return undefined;
}

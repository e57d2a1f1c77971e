import { formatFen } from './money';
import type { CouponTerms } from '../../typings/coupons';

/** 满 ¥30.00 减 ¥5.00 / 立减 ¥3.00 / 新人专享 / 品类券: what a coupon does, in one line. */
export function couponRule(c: Pick<CouponTerms, 'kind' | 'offFen' | 'thresholdFen'>): string {
  const off = formatFen(c.offFen);
  const spend = c.thresholdFen > 0 ? `满 ${formatFen(c.thresholdFen)} 减 ${off}` : `立减 ${off}`;
  if (c.kind === 'newResident') return `新人专享 · ${spend}`;
  if (c.kind === 'category') return `指定品类 · ${spend}`;
  return spend;
}

/** 2026-12-03 至 2026-12-31 (Shanghai days, inclusive). */
export const couponDays = (c: Pick<CouponTerms, 'validFrom' | 'validTo'>) => `${c.validFrom} 至 ${c.validTo}`;

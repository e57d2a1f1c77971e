import type { ClaimState, CouponAdminView, CouponTerms, MyCouponView } from '../../../../typings/coupons';
import { couponPhase } from '../../domain/coupons';
import type { CouponClaimDoc, CouponDoc } from '../../repos/coupons';
import { compact, iso } from '../admin/common';

export const termsOf = (c: CouponTerms): CouponTerms => ({
  kind: c.kind,
  offFen: c.offFen,
  thresholdFen: c.thresholdFen,
  categoryIds: c.categoryIds,
  validFrom: c.validFrom,
  validTo: c.validTo,
  ...(c.pickupPointId ? { pickupPointId: c.pickupPointId } : {}),
});

export const couponAdminView = ({ createdBy: _by, ...c }: CouponDoc): CouponAdminView => ({
  ...c,
  createdAt: iso(c.createdAt)!,
});

/** A claimed copy as its owner sees it: used once on an order, else expired after its last day. */
export const claimState = (c: CouponClaimDoc, now: Date): ClaimState =>
  c.usedAt ? 'used' : couponPhase(c.terms, now) === 'expired' ? 'expired' : 'unused';

export const myCouponView = (c: CouponClaimDoc, now: Date): MyCouponView =>
  compact<MyCouponView & Record<string, unknown>>({
    _id: c._id,
    couponId: c.couponId,
    title: c.title,
    ...termsOf(c.terms),
    state: claimState(c, now),
    claimedAt: iso(c.claimedAt)!,
    usedAt: iso(c.usedAt),
    orderId: c.orderId,
  });

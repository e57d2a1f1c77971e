import type { Paged } from '../../../../typings/contracts/admin/common';
import type { CouponCreateInput, CouponListInput } from '../../../../typings/contracts/admin/coupons';
import type { CouponAdminView } from '../../../../typings/coupons';
import { couponTermsProblem } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import { businessDate } from '../../domain/time';
import type { CouponDoc } from '../../repos/coupons';
import { keyedId, paged } from '../admin/common';
import { couponDeps, type CouponDeps } from './deps';
import { couponAdminView, termsOf } from './views';

/** 新建优惠券: the terms are checked (and a 品类券's categories must exist) before anything is stored. */
export async function createCoupon(
  input: CouponCreateInput,
  adminId: string,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<CouponAdminView> {
  const terms = termsOf(input);
  const problem = couponTermsProblem(terms, businessDate(now));
  if (problem) throw fail.invalid(problem);
  const categoryIds = [...new Set(terms.categoryIds)];
  const found = await Promise.all(categoryIds.map((id) => deps.categories.categoryById(id)));
  const missing = categoryIds.filter((_id, i) => !found[i]);
  if (missing.length) throw fail.invalid(`类目不存在：${missing.join('、')}`);
  const doc: CouponDoc = {
    _id: keyedId('cpn', 'coupon', input.requestId),
    title: input.title,
    ...terms,
    categoryIds,
    status: 'active',
    total: input.total,
    claimed: 0,
    used: 0,
    costFen: 0,
    perResident: input.perResident,
    createdAt: now,
    createdBy: adminId,
  };
  if (await deps.coupons.insertCouponOnce(doc)) return couponAdminView(doc);
  // A retried or doubled create: the first one's coupon stands.
  return couponAdminView((await deps.coupons.couponById(doc._id)) ?? doc);
}

/** 暂停/恢复领取. */
export async function pauseCoupon(
  couponId: string,
  paused: boolean,
  deps: CouponDeps = couponDeps,
): Promise<CouponAdminView> {
  const coupon = await deps.coupons.couponById(couponId);
  if (!coupon) throw fail.notFound('优惠券');
  const status = paused ? 'paused' : 'active';
  await deps.coupons.setCouponStatus(couponId, status);
  return couponAdminView({ ...coupon, status });
}

export async function listCoupons(
  { status, page, pageSize }: CouponListInput,
  deps: CouponDeps = couponDeps,
): Promise<Paged<CouponAdminView>> {
  return paged(await deps.coupons.couponsPage(status, { page, pageSize }), { page, pageSize }, couponAdminView);
}

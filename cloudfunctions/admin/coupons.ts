import type { coupons } from '../../typings/contracts/admin/coupons';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { createCoupon, listCoupons, pauseCoupon } from '../core/usecases/coupon/admin';

export const couponActions: ActionTable<typeof coupons> = {
  'coupons.create': async (input, ctx) => createCoupon(input, (await requireAdmin(ctx))._id, now()),
  'coupons.pause': async ({ couponId, paused }, ctx) => {
    await requireAdmin(ctx);
    return pauseCoupon(couponId, paused);
  },
  'coupons.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listCoupons(input);
  },
};

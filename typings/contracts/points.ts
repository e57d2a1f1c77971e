import * as z from 'zod/mini';
import type { MyCouponView } from '../coupons';
import type { PointsEntryView, PointsSummary } from '../points';
import { contract } from './define';
import { paging } from './shapes';

/** A resident's points and level (in the order function, next to the checkout that spends them). */
export const points = {
  /** 我的积分: balance, what expires at this year end, the level from the last 12 months, the rules. */
  'points.summary': contract(() => z.object({})).answers<PointsSummary>(),
  /** 积分明细, newest first. */
  'points.history': contract(() => z.object(paging({ maxSize: 50, size: 20 }))).answers<{
    items: PointsEntryView[];
    page: number;
    pageSize: number;
    hasMore: boolean;
  }>(),
  /** Takes this month's coupon of the caller's level: once a month (a repeat answers the same copy). */
  'points.monthlyCoupon': contract(() => z.object({})).answers<MyCouponView>(),
};

import type { LeaderCouponInput } from '../../../../typings/contracts/leader';
import type { CouponAdminView, LeaderCoupons } from '../../../../typings/coupons';
import { shanghaiMonth } from '../../domain/commission';
import { couponTermsProblem } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import { fitAmount } from '../../domain/notice-text';
import { businessDate } from '../../domain/time';
import type { CouponDoc } from '../../repos/coupons';
import { keyedId } from '../admin/common';
import type { LeaderCaller } from '../leader/context';
import { couponDeps, type CouponDeps } from './deps';
import { couponAdminView, termsOf } from './views';

/**
 * 团长券: a leader's coupon for the residents of their own point, funded from
 * their commission. Its copies × offFen are committed against the month's
 * budget (one guarded $inc: parallel creates never pass it) before it is
 * stored; a retried create finds its coupon and commits nothing more.
 */
export async function createLeaderCoupon(
  caller: Pick<LeaderCaller, 'leader' | 'pickupPointId' | 'openid'>,
  input: LeaderCouponInput,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<CouponAdminView> {
  const leaderId = caller.leader._id;
  const terms = { ...termsOf({ ...input, categoryIds: [] }), pickupPointId: caller.pickupPointId };
  const problem = couponTermsProblem(terms, businessDate(now));
  if (problem) throw fail.invalid(problem);
  const _id = keyedId('lcp', `leaderCoupon|${leaderId}`, input.requestId);
  const made = await deps.coupons.couponById(_id);
  if (made) return couponAdminView(made);
  const { leaderMonthlyBudgetFen: budgetFen } = await deps.settings.couponSettings();
  if (budgetFen === 0) throw fail.state('平台暂未开放团长优惠券');
  const costFen = input.total * input.offFen;
  const month = shanghaiMonth(now);
  if (!(await deps.coupons.takeBudget(leaderId, month, costFen, budgetFen, now))) {
    const left = Math.max(0, budgetFen - (await deps.coupons.committedFen(leaderId, month)));
    throw fail.state(`超出本月团长券额度：本券 ${fitAmount(costFen)}，剩余 ${fitAmount(left)}`);
  }
  const doc: CouponDoc = {
    _id,
    title: input.title,
    ...terms,
    leaderId,
    status: 'active',
    total: input.total,
    claimed: 0,
    used: 0,
    costFen: 0,
    perResident: input.perResident,
    createdAt: now,
    createdBy: caller.openid,
  };
  if (await deps.coupons.insertCouponOnce(doc)) return couponAdminView(doc);
  // A doubled create stored it meanwhile: its commitment stands, ours goes back.
  await deps.coupons.giveBudgetBack(leaderId, month, costFen);
  return couponAdminView((await deps.coupons.couponById(_id)) ?? doc);
}

/** The leader's 团长券 with claimed/used/cost, and this month's budget and what is committed of it. */
export async function leaderCoupons(
  caller: Pick<LeaderCaller, 'leader'>,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<LeaderCoupons> {
  const leaderId = caller.leader._id;
  const month = shanghaiMonth(now);
  const [settings, committedFen, coupons] = await Promise.all([
    deps.settings.couponSettings(),
    deps.coupons.committedFen(leaderId, month),
    deps.coupons.couponsOfLeader(leaderId, 100),
  ]);
  return { month, budgetFen: settings.leaderMonthlyBudgetFen, committedFen, coupons: coupons.map(couponAdminView) };
}

import type { CouponAdminView, CouponStatus, CouponTerms } from '../../../typings/coupons';
import { cmd, collection } from './db';

/**
 * A coupon the admin created, stored as the console shows it (typings/coupons.ts):
 * its terms (fixed), its copies (`claimed` moves only by guarded $inc, so it
 * never passes `total`) and what it has cost.
 */
export interface CouponDoc extends Omit<CouponAdminView, 'createdAt'> {
  createdAt: Date;
  createdBy: string;
}

/**
 * One claimed copy. Its _id is coupon|openid|seq with seq 1..perResident, so a
 * resident can never hold more than perResident copies: a second claim racing
 * for the same seq meets the first on insert. A copy the system granted (a
 * reward) has seq 0 and _id coupon|openid|g:<grantKey> instead, so it neither
 * counts towards 领券中心's limit nor can be granted twice for one key. The
 * terms are copied in (they are fixed), so a resident's coupons and the
 * checkout need no second read.
 */
export interface CouponClaimDoc {
  _id: string;
  couponId: string;
  openid: string;
  seq: number;
  /** Set on a granted copy: what it was granted for (e.g. a referral reward). */
  grantKey?: string;
  title: string;
  terms: CouponTerms;
  /** 团长券: the leader who funds it. */
  leaderId?: string;
  claimedAt: Date;
  /** Set together while an order holds the copy; removed together when that order is cancelled. */
  usedAt?: Date;
  orderId?: string;
  discountFen?: number;
}

/**
 * What one leader has put into 团长券 in one Shanghai month (copies × offFen),
 * _id leaderId|month. It moves only by guarded $inc, so parallel creates never
 * take it past the admin's budget.
 */
export interface CouponBudgetDoc {
  _id: string;
  leaderId: string;
  month: string;
  committedFen: number;
  updatedAt: Date;
}

// A fresh environment has none of these collections: the first write creates it, reads before it find nothing.
const coupons = () => collection('coupons');
const claims = () => collection('couponClaims');
const budgets = () => collection('couponBudgets');

export const claimIdFor = (couponId: string, openid: string, seq: number) => `${couponId}|${openid}|${seq}`;
export const grantedClaimIdFor = (couponId: string, openid: string, grantKey: string) =>
  `${couponId}|${openid}|g:${grantKey}`;
/** The copies a resident claimed in 领券中心 (granted ones have seq 0). */
const claimedInCentre = () => ({ seq: cmd.gt(0) });

/** Creates a coupon under its requestId's _id; false when a retried or doubled create made it already. */
export const insertCouponOnce = (doc: CouponDoc) => coupons().creating(() => coupons().insertOnce(doc));

export const couponById = (id: string) => coupons().orNothing(() => coupons().byId(id), undefined);

export const couponsPage = (status: CouponStatus | undefined, page: { page: number; pageSize: number }) =>
  coupons().orNothing(() => coupons().page(status ? { status } : {}, { orderBy: [['createdAt', 'desc']], ...page }), {
    items: [],
    total: 0,
  });

export async function setCouponStatus(id: string, status: CouponStatus): Promise<void> {
  await coupons().update({ _id: id }, { status });
}

/**
 * Active coupons whose window has not ended by `today`, newest first (what
 * 领券中心 may offer): the platform's, and the 团长券 of the resident's point.
 */
export async function couponsOnOffer(today: string, limit: number, pickupPointId?: string): Promise<CouponDoc[]> {
  const on = (point: object) =>
    coupons().orNothing(
      () =>
        coupons().find(
          { status: 'active', validTo: cmd.gte(today), ...point },
          { orderBy: [['createdAt', 'desc']], limit },
        ),
      [],
    );
  const [platform, point] = await Promise.all([
    on({ pickupPointId: cmd.exists(false) }),
    pickupPointId ? on({ pickupPointId }) : [],
  ]);
  return [...point, ...platform];
}

/** A leader's 团长券, newest first. */
export const couponsOfLeader = (leaderId: string, limit: number) =>
  coupons().orNothing(() => coupons().find({ leaderId }, { orderBy: [['createdAt', 'desc']], limit }), []);

export const budgetIdFor = (leaderId: string, month: string) => `${leaderId}|${month}`;

/** What the leader has committed this month (0 before the first 团长券). */
export const committedFen = async (leaderId: string, month: string) =>
  (await budgets().orNothing(() => budgets().byId(budgetIdFor(leaderId, month)), undefined))?.committedFen ?? 0;

/**
 * Commits `costFen` of the leader's month if, at this very write, what is
 * committed plus it stays within `limitFen`: one guarded $inc, so parallel
 * creates can never pass the budget together.
 */
export async function takeBudget(
  leaderId: string,
  month: string,
  costFen: number,
  limitFen: number,
  at: Date,
): Promise<boolean> {
  if (costFen > limitFen) return false;
  const _id = budgetIdFor(leaderId, month);
  await budgets().creating(() => budgets().insertOnce({ _id, leaderId, month, committedFen: 0, updatedAt: at }));
  const where = { _id, committedFen: cmd.lte(limitFen - costFen) };
  return (await budgets().update(where, { committedFen: cmd.inc(costFen), updatedAt: at })) === 1;
}

/** Gives back a commitment whose coupon was not stored (a retried create found it made). */
export async function giveBudgetBack(leaderId: string, month: string, costFen: number): Promise<void> {
  await budgets().update({ _id: budgetIdFor(leaderId, month) }, { committedFen: cmd.inc(-costFen) });
}

/**
 * Takes one copy if, at this very write, the coupon is active, its window has
 * not ended and fewer than `total` are claimed: the database checks the guard
 * atomically with the $inc, so parallel claims never take more than total.
 */
export async function takeCopy(id: string, total: number, today: string): Promise<boolean> {
  const where = { _id: id, status: 'active', validTo: cmd.gte(today), claimed: cmd.lt(total) };
  return (await coupons().update(where, { claimed: cmd.inc(1) })) === 1;
}

/**
 * Takes one copy for a system grant: as takeCopy, but a paused coupon (one the
 * admin keeps out of 领券中心) still gives copies; its total and window still hold.
 */
export async function takeGrantedCopy(id: string, total: number, today: string): Promise<boolean> {
  const where = { _id: id, validTo: cmd.gte(today), claimed: cmd.lt(total) };
  return (await coupons().update(where, { claimed: cmd.inc(1) })) === 1;
}

/** Gives back a copy whose claim could not be recorded (the resident's limit was met meanwhile). */
export async function giveCopyBack(id: string): Promise<void> {
  await coupons().update({ _id: id, claimed: cmd.gt(0) }, { claimed: cmd.inc(-1) });
}

/** Records a claimed copy; false when that seq of this resident's claims exists already. */
export const insertClaimOnce = (doc: CouponClaimDoc) => claims().creating(() => claims().insertOnce(doc));

/** How many copies of a coupon a resident claimed in 领券中心. */
export const claimCountOf = (openid: string, couponId: string) =>
  claims().orNothing(() => claims().count({ openid, couponId, ...claimedInCentre() }), 0);

/** How many copies of each of these coupons a resident claimed in 领券中心. */
export async function claimCountsOf(openid: string, couponIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!couponIds.length) return out;
  const held = await claims().orNothing(
    () => claims().find({ openid, couponId: cmd.in(couponIds), ...claimedInCentre() }, { fields: { couponId: true } }),
    [],
  );
  for (const c of held) out.set(c.couponId, (out.get(c.couponId) ?? 0) + 1);
  return out;
}

/** A resident's claimed copies, newest first. */
export const claimsOf = (openid: string, limit: number) =>
  claims().orNothing(() => claims().find({ openid }, { orderBy: [['claimedAt', 'desc']], limit }), []);

export const claimById = (id: string) => claims().orNothing(() => claims().byId(id), undefined);

/**
 * Puts a resident's unused copy on an order, in one update guarded on it being
 * unused: of parallel orders naming one copy, one wins. The coupon's used and
 * cost counters follow the winner.
 */
export async function useClaim(
  claim: Pick<CouponClaimDoc, '_id' | 'couponId' | 'openid'>,
  orderId: string,
  discountFen: number,
  at: Date,
): Promise<boolean> {
  const where = { _id: claim._id, openid: claim.openid, orderId: cmd.exists(false) };
  if ((await claims().update(where, { orderId, usedAt: at, discountFen })) !== 1) return false;
  await coupons().update({ _id: claim.couponId }, { used: cmd.inc(1), costFen: cmd.inc(discountFen) });
  return true;
}

/** Takes the copy off an order (cancelled, or never made), guarded on that order holding it: once, however many try. */
export async function giveClaimBack(claimId: string, couponId: string, orderId: string): Promise<boolean> {
  const held = await claims().byId(claimId, { discountFen: true, orderId: true });
  if (held?.orderId !== orderId) return false;
  const changed = await claims().update(
    { _id: claimId, orderId },
    { orderId: cmd.remove(), usedAt: cmd.remove(), discountFen: cmd.remove() },
  );
  if (changed !== 1) return false;
  await coupons().update(
    { _id: couponId, used: cmd.gt(0) },
    { used: cmd.inc(-1), costFen: cmd.inc(-(held.discountFen ?? 0)) },
  );
  return true;
}

import type { MyCouponView } from '../../../../typings/coupons';
import { levelFor, type PointsEntryView, type PointsSettings, type PointsSummary } from '../../../../typings/points';
import { fail } from '../../domain/errors';
import { businessYear, expiringThisYear } from '../../domain/points';
import { addDays, businessDate, businessInstant } from '../../domain/time';
import { claimById, couponById, grantedClaimIdFor } from '../../repos/coupons';
import { spentSince } from '../../repos/orders';
import { balanceOf, ledgerPage } from '../../repos/points';
import { pointsSettings } from '../../repos/settings';
import { grantCoupon } from '../coupon/grant';

/** The level is measured on the 12 months up to today (Asia/Shanghai): from the same day a year ago. */
const levelWindowStart = (at: Date) => businessInstant(addDays(businessDate(at), -365), '00:00');

/** This month's key of a level coupon ('2026-12'): one copy per resident per month. */
const monthKey = (at: Date) => `level-${businessDate(at).slice(0, 7)}`;

async function levelOf(openid: string, settings: PointsSettings, at: Date) {
  const spendFen = await spentSince(openid, levelWindowStart(at));
  return { spendFen, ...levelFor(spendFen, settings.levels) };
}

/** 我的积分: balance, what expires at this year end, the level from the last 12 months, the rules. */
export async function pointsSummary(openid: string, at: Date): Promise<PointsSummary> {
  const [settings, balance] = await Promise.all([pointsSettings(), balanceOf(openid)]);
  const { spendFen, level, next } = await levelOf(openid, settings, at);
  const couponId = level.monthlyCouponId;
  const [coupon, taken] = couponId
    ? await Promise.all([couponById(couponId), claimById(grantedClaimIdFor(couponId, openid, monthKey(at)))])
    : [undefined, undefined];
  const { enabled, earnPerYuan, pointsPerYuan, maxPercent, reviewPoints } = settings;
  return {
    balance: balance?.balance ?? 0,
    expiring: { points: balance ? expiringThisYear(balance, at) : 0, on: `${businessYear(at)}-12-31` },
    level: {
      name: level.name,
      spendFen,
      ...(next ? { next: { name: next.name, needFen: next.needFen } } : {}),
      ...(coupon ? { monthlyCoupon: { title: coupon.title, taken: Boolean(taken) } } : {}),
    },
    rule: { enabled, earnPerYuan, pointsPerYuan, maxPercent, reviewPoints },
  };
}

/** 积分明细, newest first. */
export async function pointsHistory(openid: string, page: number, pageSize: number) {
  const rows = await ledgerPage(openid, page, pageSize + 1);
  const items: PointsEntryView[] = rows.slice(0, pageSize).map((e) => ({
    id: e._id,
    kind: e.kind,
    points: e.points,
    at: new Date(e.at).toISOString(),
    ...(e.orderNo ? { orderNo: e.orderNo } : {}),
  }));
  return { items, page, pageSize, hasMore: rows.length > pageSize };
}

/** Takes this month's coupon of the caller's level, once a month (a repeat answers the same copy). */
export async function takeMonthlyCoupon(openid: string, at: Date): Promise<MyCouponView> {
  const settings = await pointsSettings();
  const { level } = await levelOf(openid, settings, at);
  if (!level.monthlyCouponId) throw fail.state(`${level.name}没有每月会员券`);
  return grantCoupon(level.monthlyCouponId, openid, monthKey(at), at);
}

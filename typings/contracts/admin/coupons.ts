import * as z from 'zod/mini';
import {
  COUPON_COPIES_MAX,
  COUPON_PER_RESIDENT_MAX,
  type CouponAdminView,
  type CouponKind,
  type CouponStatus,
} from '../../coupons';
import { contract, label, type Parsed } from '../define';
import { day, fen, id, requestId, text } from '../shapes';
import { page, type Paged } from './common';

const KINDS: Record<CouponKind, true> = { threshold: true, fixed: true, newResident: true, category: true };
const STATUSES: Record<CouponStatus, true> = { active: true, paused: true };

/** What every new coupon names, the admin's or a leader's (团长券, leader.coupons.create). */
export const couponFields = () => ({
  requestId: label(requestId, '请求编号'),
  title: label(text(30), '优惠券名称'),
  offFen: label(z.int().check(z.gte(1), z.lte(1_000_000)), '优惠金额'),
  /** 满减's spend needed; 0 (立减) by default. */
  thresholdFen: label(z._default(fen, 0), '使用门槛'),
  validFrom: label(day, '开始日期'),
  validTo: label(day, '结束日期'),
  total: label(z.int().check(z.gte(1), z.lte(COUPON_COPIES_MAX)), '发放数量'),
  perResident: label(z._default(z.int().check(z.gte(1), z.lte(COUPON_PER_RESIDENT_MAX)), 1), '每人限领'),
});

/** The console's 优惠券 page: create, pause (or resume) and see claimed/used/cost. */
export const coupons = {
  /** The terms are fixed once created (claimed copies carry them); a retried create with its requestId answers the same coupon. */
  'coupons.create': contract(() =>
    z.object({
      ...couponFields(),
      kind: label(z.enum(Object.keys(KINDS) as [CouponKind, ...CouponKind[]]), '券类型'),
      /** A 品类券's categories. */
      categoryIds: label(z._default(z.array(label(id, '类目')).check(z.maxLength(20)), []), '适用类目'),
    }),
  ).answers<CouponAdminView>(),
  /** paused (default true) stops claiming; false resumes it. Claimed copies stay usable either way. */
  'coupons.pause': contract(() =>
    z.object({ couponId: label(id, '优惠券'), paused: label(z._default(z.boolean(), true), '暂停') }),
  ).answers<CouponAdminView>(),
  /** Newest first. */
  'coupons.list': contract(() =>
    z.object({
      status: z.optional(label(z.enum(Object.keys(STATUSES) as [CouponStatus, ...CouponStatus[]]), '状态')),
      ...page,
    }),
  ).answers<Paged<CouponAdminView>>(),
};

export type CouponCreateInput = Parsed<(typeof coupons)['coupons.create']>;
export type CouponListInput = Parsed<(typeof coupons)['coupons.list']>;

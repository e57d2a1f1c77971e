import * as z from 'zod/mini';
import type {
  ApplicationView,
  ChecklistResult,
  ConfirmArrivalResult,
  LeaderBatchesResult,
  NearbyPoint,
  ShareInfo,
  SkuTotalsResult,
  TrainingView,
  UnnotifiedResult,
  VerifyResult,
} from '../leader';
import type { CouponAdminView, LeaderCouponKind, LeaderCoupons } from '../coupons';
import type { LeaderReviews } from '../reviews';
import { couponFields } from './admin/coupons';
import { contract, label, type Input, type Parsed } from './define';
import { cloudFile, id, lat, lng, noDuplicateItems, paging, requestedLines, text } from './shapes';

export type { RequestedLineInput } from './shapes';

export interface TrainingPage {
  items: TrainingView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

const LEADER_KINDS: Record<LeaderCouponKind, true> = { threshold: true, fixed: true };
const units = z.int().check(z.gte(0), z.lte(99_999));
const batchId = label(id, '团期');

/**
 * leader: the leader tab (checklist, arrival, verification, sharing) for an
 * active leader, and the application and nearby points for residents. Leader
 * and point ids never come from the client: the server finds the caller's.
 */
export const leader = {
  /** A resident applies to become a leader (one pending application per user); text is msgSecCheck'd. */
  apply: contract(() =>
    z.object({
      name: label(text(20), '姓名'),
      phone: label(z.string().check(z.regex(/^1[3-9]\d{9}$/, '格式不正确')), '手机号'),
      address: label(text(100), '地址'),
      location: label(z.object({ lat: label(lat, '纬度'), lng: label(lng, '经度') }), '位置'),
      hours: label(text(30), '营业时间'),
      photo: label(cloudFile, '门店照片'),
      /** Defaults to `<name>的自提点`. */
      pointName: z.optional(label(text(30), '自提点名称')),
    }),
  ).answers<ApplicationView>(),
  /** The caller's latest application, null when none. */
  myApplication: contract(() => z.object({})).answers<ApplicationView | null>(),
  /** Active pickup points nearest to a location, with distances in meters (any caller with an OPENID). */
  nearbyPoints: contract(() =>
    z.object({
      lat: label(lat, '纬度'),
      lng: label(lng, '经度'),
      limit: label(z._default(z.int().check(z.gte(1), z.lte(20)), 10), '数量'),
    }),
  ).answers<NearbyPoint[]>(),
  /** The batches the leader works on (open, cut off, picked up in the last 7 days) and the one to show first. */
  batches: contract(() => z.object({})).answers<LeaderBatchesResult>(),
  shareInfo: contract(() => z.object({ batchId })).answers<ShareInfo>(),
  checklist: contract(() =>
    z.object({
      batchId,
      ...paging({ maxSize: 50, size: 20 }),
      /** A 6-digit pickup code or a 4-digit phone tail. */
      search: z.optional(label(z.string().check(z.regex(/^(\d{6}|\d{4})$/, '应为 6 位取货码或 4 位手机尾号')), '搜索')),
    }),
  ).answers<ChecklistResult>(),
  skuTotals: contract(() => z.object({ batchId })).answers<SkuTotalsResult>(),
  /** Items not listed count as received in full. */
  confirmArrival: contract(() =>
    z.object({
      batchId,
      lines: label(
        z
          .array(
            z
              .object({
                batchItemId: label(id, '商品'),
                receivedQty: label(units, '收货数量'),
                damagedQty: label(units, '破损数量'),
                /** Photos of what was short or damaged (cloud fileIDs); the supplier sees them on the chargeback. */
                photos: label(z._default(z.array(label(cloudFile, '照片')).check(z.maxLength(6)), []), '照片'),
              })
              .check(z.refine((l) => l.damagedQty <= l.receivedQty, '破损数量不能大于收货数量')),
          )
          .check(z.maxLength(200), z.refine(noDuplicateItems, '同一商品只能填写一次')),
        '到货明细',
      ),
    }),
  ).answers<ConfirmArrivalResult>(),
  /** Residents the pickup notice did not reach (remind them in the group). */
  unnotified: contract(() => z.object({ batchId })).answers<UnnotifiedResult>(),
  /** Without lines everything left is picked up; with lines only those units. The code is what the resident's QR shows. */
  verify: contract(() =>
    z.object({
      batchId,
      code: label(z.string().check(z.regex(/^\d{6}$/, '应为 6 位数字')), '取货码'),
      lines: z.optional(
        label(requestedLines(20).check(z.refine(noDuplicateItems, '同一商品只能填写一次')), '提货商品'),
      ),
    }),
  ).answers<VerifyResult>(),
  training: contract(() => z.object(paging({ maxSize: 20, size: 10 }))).answers<TrainingPage>(),
  /** 服务评分: residents' ratings of this leader's service (visible ones), average and newest first. */
  reviews: contract(() => z.object(paging({ maxSize: 20, size: 10, maxPage: 100 }))).answers<LeaderReviews>(),
  /**
   * 团长券 for the residents of the leader's own point: 满减 or 立减, copies × offFen within
   * this month's budget the admin sets (INVALID_STATE past it, nothing changed); a retried
   * create with its requestId answers the same coupon. Charged to the leader's commission
   * when used on a paid order.
   */
  'coupons.create': contract(() =>
    z.object({
      ...couponFields(),
      kind: label(z.enum(Object.keys(LEADER_KINDS) as [LeaderCouponKind, ...LeaderCouponKind[]]), '券类型'),
    }),
  ).answers<CouponAdminView>(),
  /** The leader's 团长券 (newest first, the latest 100) with claimed/used/cost, and this month's budget. */
  'coupons.list': contract(() => z.object({})).answers<LeaderCoupons>(),
};

export type LeaderCouponInput = Parsed<(typeof leader)['coupons.create']>;

export type ApplyInput = Input<typeof leader.apply>;
export type ChecklistInput = Input<typeof leader.checklist>;
export type ConfirmArrivalInput = Input<typeof leader.confirmArrival>;
export type VerifyInput = Input<typeof leader.verify>;

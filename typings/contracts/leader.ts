import { z } from 'zod';
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
import { contract, type Input } from './define';
import { cloudFile, id, lat, lng, noDuplicateItems, paging, requestedLines, text } from './shapes';

export type { RequestedLineInput } from './shapes';

export interface TrainingPage {
  items: TrainingView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

const units = z.number().int().min(0).max(99_999);
const batchId = id.meta({ label: '团期' });

/**
 * leader: the leader tab (checklist, arrival, verification, sharing) for an
 * active leader, and the application and nearby points for residents. Leader
 * and point ids never come from the client: the server finds the caller's.
 */
export const leader = {
  /** A resident applies to become a leader (one pending application per user); text is msgSecCheck'd. */
  apply: contract(
    z.object({
      name: text(20).meta({ label: '姓名' }),
      phone: z
        .string()
        .regex(/^1[3-9]\d{9}$/, '格式不正确')
        .meta({ label: '手机号' }),
      address: text(100).meta({ label: '地址' }),
      location: z
        .object({ lat: lat.meta({ label: '纬度' }), lng: lng.meta({ label: '经度' }) })
        .meta({ label: '位置' }),
      hours: text(30).meta({ label: '营业时间' }),
      photo: cloudFile.meta({ label: '门店照片' }),
      /** Defaults to `<name>的自提点`. */
      pointName: text(30).meta({ label: '自提点名称' }).optional(),
    }),
  ).answers<ApplicationView>(),
  /** The caller's latest application, null when none. */
  myApplication: contract(z.object({})).answers<ApplicationView | null>(),
  /** Active pickup points nearest to a location, with distances in meters (any caller with an OPENID). */
  nearbyPoints: contract(
    z.object({
      lat: lat.meta({ label: '纬度' }),
      lng: lng.meta({ label: '经度' }),
      limit: z.number().int().min(1).max(20).default(10).meta({ label: '数量' }),
    }),
  ).answers<NearbyPoint[]>(),
  /** The batches the leader works on (open, cut off, picked up in the last 7 days) and the one to show first. */
  batches: contract(z.object({})).answers<LeaderBatchesResult>(),
  shareInfo: contract(z.object({ batchId })).answers<ShareInfo>(),
  checklist: contract(
    z.object({
      batchId,
      ...paging({ maxSize: 50, size: 20 }),
      /** A 6-digit pickup code or a 4-digit phone tail. */
      search: z
        .string()
        .regex(/^(\d{6}|\d{4})$/, '应为 6 位取货码或 4 位手机尾号')
        .meta({ label: '搜索' })
        .optional(),
    }),
  ).answers<ChecklistResult>(),
  skuTotals: contract(z.object({ batchId })).answers<SkuTotalsResult>(),
  /** Items not listed count as received in full. */
  confirmArrival: contract(
    z.object({
      batchId,
      lines: z
        .array(
          z
            .object({
              batchItemId: id.meta({ label: '商品' }),
              receivedQty: units.meta({ label: '收货数量' }),
              damagedQty: units.meta({ label: '破损数量' }),
            })
            .refine((l) => l.damagedQty <= l.receivedQty, '破损数量不能大于收货数量'),
        )
        .max(200)
        .refine(noDuplicateItems, '同一商品只能填写一次')
        .meta({ label: '到货明细' }),
    }),
  ).answers<ConfirmArrivalResult>(),
  /** Residents the pickup notice did not reach (remind them in the group). */
  unnotified: contract(z.object({ batchId })).answers<UnnotifiedResult>(),
  /** Without lines everything left is picked up; with lines only those units. The code is what the resident's QR shows. */
  verify: contract(
    z.object({
      batchId,
      code: z
        .string()
        .regex(/^\d{6}$/, '应为 6 位数字')
        .meta({ label: '取货码' }),
      lines: requestedLines(20).refine(noDuplicateItems, '同一商品只能填写一次').meta({ label: '提货商品' }).optional(),
    }),
  ).answers<VerifyResult>(),
  training: contract(z.object(paging({ maxSize: 20, size: 10 }))).answers<TrainingPage>(),
};

export type ApplyInput = Input<typeof leader.apply>;
export type ChecklistInput = Input<typeof leader.checklist>;
export type ConfirmArrivalInput = Input<typeof leader.confirmArrival>;
export type VerifyInput = Input<typeof leader.verify>;

import { z } from 'zod';
import type { AfterSaleStatus, OrderStatus } from '../../models';
import { contract, type Parsed } from '../define';
import { id, orderStatus, outRefundNo, qty, text } from '../shapes';
import { page, type Paged } from './common';

export interface AdminOrderView {
  _id: string;
  orderNo: string;
  openid: string;
  buyerName?: string;
  /** Masked, e.g. 138****0001. */
  buyerPhone?: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  status: OrderStatus;
  lines: Array<{
    batchItemId: string;
    productId: string;
    title: string;
    unit: string;
    priceFen: number;
    qty: number;
    amountFen: number;
    refundedQty: number;
    refundedFen: number;
    pickedQty: number;
  }>;
  totalFen: number;
  paidFen: number;
  refundedFen: number;
  createdAt: string;
  paidAt?: string;
  history?: Array<{ status: OrderStatus; at: string; note?: string }>;
}

export interface RefundResult {
  _id: string;
  orderId: string;
  refundFee: number;
  /** requested → pending (accepted by WeChat Pay) → success | failed. */
  status: string;
}

export interface AfterSaleAdminView {
  _id: string;
  orderId: string;
  orderNo: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  lines: Array<{ batchItemId: string; title: string; qty: number; refundFen: number }>;
  refundFen: number;
  reason: string;
  description: string;
  photos: string[];
  status: AfterSaleStatus;
  createdAt: string;
  reviewedAt?: string;
  reviewReason?: string;
  /** Set on approval: `as-<afterSaleId>`, the refund's out_refund_no. */
  outRefundNo?: string;
}

/** The notices outbox written by the leader functions: as stored, plus who and where in words. */
export interface NoticeView {
  _id: string;
  buyerName?: string;
  /** Masked: 138****0001. */
  buyerPhone?: string;
  pointName?: string;
  [field: string]: unknown;
}

const refundLines = z
  .array(z.object({ batchItemId: id.meta({ label: '商品' }), qty: qty.meta({ label: '退款数量' }) }))
  .min(1)
  .max(20)
  .meta({ label: '退款商品' });

/** Orders, after-sales and the notices outbox. */
export const orders = {
  'orders.search': contract(
    z.object({
      ...page,
      batchId: id.meta({ label: '团期' }).optional(),
      status: orderStatus.meta({ label: '订单状态' }).optional(),
      pickupPointId: id.meta({ label: '自提点' }).optional(),
      orderNo: z
        .string()
        .regex(/^[0-9A-Za-z_-]{6,32}$/, '格式不正确')
        .meta({ label: '订单号' })
        .optional(),
      /** Last 4 digits of the buyer's phone. */
      phoneTail: z
        .string()
        .regex(/^\d{4}$/, '应为 4 位数字')
        .meta({ label: '手机尾号' })
        .optional(),
    }),
  ).answers<Paged<AdminOrderView>>(),
  'orders.get': contract(z.object({ id: id.meta({ label: '订单' }) })).answers<AdminOrderView>(),
  /**
   * Refunds lines of a paid order (core/usecases/refund/by-admin). Make outRefundNo
   * once per decision: a retry with the same one is the same refund.
   */
  'orders.refund': contract(
    z.object({
      orderId: id.meta({ label: '订单' }),
      lines: refundLines,
      reason: text(80).meta({ label: '退款原因' }),
      outRefundNo: outRefundNo.meta({ label: '退款单号' }),
    }),
  ).answers<RefundResult>(),
  'afterSales.list': contract(
    z.object({
      ...page,
      status: z.enum(['pending', 'approved', 'rejected', 'refunded']).meta({ label: '售后状态' }).optional(),
    }),
  ).answers<Paged<AfterSaleAdminView>>(),
  /**
   * pending → rejected (approve false), or → approved → refunded: the refund of
   * refundLines (default: the requested lines; each ≤ what was requested) with
   * out_refund_no `as-<id>`. Approving again after a failed refund retries the same refund.
   */
  'afterSales.review': contract(
    z.object({
      id: id.meta({ label: '售后单' }),
      approve: z.boolean().meta({ label: '审核结果' }),
      refundLines: refundLines.optional(),
      reason: text(100).meta({ label: '审核意见' }),
    }),
  ).answers<AfterSaleAdminView>(),
  /** Newest first. */
  'notices.list': contract(
    z.object({ ...page, status: z.string().max(20).meta({ label: '通知状态' }).optional() }),
  ).answers<Paged<NoticeView>>(),
};

export type OrderSearchInput = Parsed<(typeof orders)['orders.search']>;
export type AfterSaleReviewInput = Parsed<(typeof orders)['afterSales.review']>;

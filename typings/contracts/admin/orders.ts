import * as z from 'zod/mini';
import type { AfterSaleStatus, OrderStatus } from '../../models';
import { contract, label, type Parsed } from '../define';
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
    /** Paid for the line: priceFen × qty − discountFen; a refund of units gives back their share of it. */
    amountFen: number;
    /** The coupon's share of the line, when the order used one. */
    discountFen?: number;
    refundedQty: number;
    refundedFen: number;
    pickedQty: number;
  }>;
  totalFen: number;
  /** The coupon the order used (its discount spread over the lines). */
  coupon?: { couponId: string; title: string; discountFen: number };
  paidFen: number;
  refundedFen: number;
  createdAt: string;
  paidAt?: string;
  history?: Array<{ status: OrderStatus; at: string; note?: string }>;
}

/** requested → pending (accepted by WeChat Pay) → success | failed (退款失败: retried with refunds.retry). */
export type RefundStatus = 'requested' | 'pending' | 'success' | 'failed';

export interface RefundResult {
  _id: string;
  orderId: string;
  refundFee: number;
  status: RefundStatus;
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
  /** The refund's state once asked for: failed ones are retried (refunds.retry). */
  refundStatus?: RefundStatus;
}

/** A refund WeChat Pay refused or reported 退款异常 / 退款关闭: nothing went back to the resident. */
export interface FailedRefundView {
  _id: string;
  orderId: string;
  orderNo: string;
  refundFee: number;
  reason: string;
  createdAt: string;
  failedAt?: string;
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

const refundLines = label(
  z
    .array(z.object({ batchItemId: label(id, '商品'), qty: label(qty, '退款数量') }))
    .check(z.minLength(1), z.maxLength(20)),
  '退款商品',
);

/** Orders, after-sales and the notices outbox. */
export const orders = {
  'orders.search': contract(() =>
    z.object({
      ...page,
      batchId: z.optional(label(id, '团期')),
      status: z.optional(label(orderStatus, '订单状态')),
      pickupPointId: z.optional(label(id, '自提点')),
      orderNo: z.optional(label(z.string().check(z.regex(/^[0-9A-Za-z_-]{6,32}$/, '格式不正确')), '订单号')),
      /** Last 4 digits of the buyer's phone. */
      phoneTail: z.optional(label(z.string().check(z.regex(/^\d{4}$/, '应为 4 位数字')), '手机尾号')),
    }),
  ).answers<Paged<AdminOrderView>>(),
  'orders.get': contract(() => z.object({ id: label(id, '订单') })).answers<AdminOrderView>(),
  /**
   * Refunds lines of a paid order (core/usecases/refund/by-admin). Make outRefundNo
   * once per decision: a retry with the same one is the same refund.
   */
  'orders.refund': contract(() =>
    z.object({
      orderId: label(id, '订单'),
      lines: refundLines,
      reason: label(text(80), '退款原因'),
      outRefundNo: label(outRefundNo, '退款单号'),
    }),
  ).answers<RefundResult>(),
  /** Refunds that failed (退款失败), newest first. */
  'refunds.failed': contract(() => z.object({ ...page })).answers<Paged<FailedRefundView>>(),
  /** Asks WeChat Pay again for a failed refund, under its own number (core/usecases/refund/retry). */
  'refunds.retry': contract(() => z.object({ outRefundNo: label(outRefundNo, '退款单号') })).answers<RefundResult>(),
  'afterSales.list': contract(() =>
    z.object({
      ...page,
      status: z.optional(label(z.enum(['pending', 'approved', 'rejected', 'refunded']), '售后状态')),
    }),
  ).answers<Paged<AfterSaleAdminView>>(),
  /**
   * pending → rejected (approve false), or → approved → refunded: the refund of
   * refundLines (default: the requested lines; each ≤ what was requested) with
   * out_refund_no `as-<id>`. Approving again after a failed refund retries the same refund (so does refunds.retry).
   */
  'afterSales.review': contract(() =>
    z.object({
      id: label(id, '售后单'),
      approve: label(z.boolean(), '审核结果'),
      refundLines: z.optional(refundLines),
      reason: label(text(100), '审核意见'),
    }),
  ).answers<AfterSaleAdminView>(),
  /** Newest first. */
  'notices.list': contract(() =>
    z.object({ ...page, status: z.optional(label(z.string().check(z.maxLength(20)), '通知状态')) }),
  ).answers<Paged<NoticeView>>(),
};

export type OrderSearchInput = Parsed<(typeof orders)['orders.search']>;
export type AfterSaleReviewInput = Parsed<(typeof orders)['afterSales.review']>;

import type { Paged } from '../../../../typings/contracts/admin/common';
import type {
  AdminOrderView,
  AfterSaleAdminView,
  AfterSaleReviewInput,
  FailedRefundView,
  NoticeView,
  OrderSearchInput,
  RefundResult,
} from '../../../../typings/contracts/admin/orders';
import type { AfterSale, AfterSaleStatus, Order, User } from '../../../../typings/models';
import type { RefundRecord } from '../../domain/pay-records';
import { fail } from '../../domain/errors';
import { now } from '../../infra/clock';
import { afterSaleById, afterSalesPage, moveAfterSale, releaseOrderUnits } from '../../repos/after-sales';
import { noticesPage } from '../../repos/notices';
import { orderById, orderForConsole, ordersPage } from '../../repos/orders';
import { pointsForDocuments } from '../../repos/pickup-points';
import { buyersByIds, openidsByPhoneTail } from '../../repos/users';
import { failedRefundsPage, refundsByIds } from '../../repos/refunds';
import { payDeps } from '../pay/deps';
import { refundLines } from '../refund/lines';
import { compact, iso, paged, type PageInput } from './common';

const maskPhone = (phone?: string) => (phone ? phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : undefined);

function adminOrderView(o: Order, buyer?: User): AdminOrderView {
  return compact({
    _id: o._id,
    orderNo: o.orderNo,
    openid: o.openid,
    buyerName: buyer?.nickname,
    buyerPhone: maskPhone(buyer?.phone),
    batchId: o.batchId,
    pickupPointId: o.pickupPointId,
    leaderId: o.leaderId,
    status: o.status,
    lines: o.lines.map((l) => ({
      batchItemId: l.batchItemId,
      productId: l.productId,
      title: l.title,
      unit: l.unit,
      priceFen: l.priceFen,
      qty: l.qty,
      amountFen: l.amountFen,
      ...(l.discountFen ? { discountFen: l.discountFen } : {}),
      refundedQty: l.refundedQty,
      refundedFen: l.refundedFen,
      pickedQty: l.pickedQty,
    })),
    totalFen: o.totalFen,
    coupon: o.coupon && { couponId: o.coupon.couponId, title: o.coupon.title, discountFen: o.coupon.discountFen },
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    createdAt: iso(o.createdAt) as string,
    paidAt: iso(o.paidAt),
    history: o.history?.map((h) => compact({ status: h.status, at: iso(h.at) as string, note: h.note })),
  });
}

/**
 * Finds orders by any mix of batch, status, pickup point, order number and the
 * buyer's phone tail (matched against users first, at most 200 buyers).
 */
export async function searchOrders(input: OrderSearchInput & PageInput): Promise<Paged<AdminOrderView>> {
  const { batchId, status, pickupPointId, orderNo } = input;
  const openids = input.phoneTail ? await openidsByPhoneTail(input.phoneTail, 200) : undefined;
  if (openids && !openids.length) return paged({ items: [], total: 0 }, input);
  const found = await ordersPage({ batchId, status, pickupPointId, orderNo, openids }, input);
  const buyers = await buyersByIds(found.items.map((o) => o.openid));
  return paged(found, input, (o) => adminOrderView(o, buyers.get(o.openid)));
}

export async function orderForAdmin(id: string): Promise<AdminOrderView> {
  const o = await orderForConsole(id);
  if (!o) throw fail.notFound('订单');
  return adminOrderView(o, (await buyersByIds([o.openid])).get(o.openid));
}

export const refundResult = (r: RefundRecord): RefundResult => ({
  _id: r._id,
  orderId: r.orderId,
  refundFee: r.refundFee,
  status: r.status,
});

/** 退款失败: each refund that gave nothing back, for the admin to retry (refunds.retry). */
export const listFailedRefunds = async (input: PageInput): Promise<Paged<FailedRefundView>> =>
  paged(await failedRefundsPage(input), input, (r) =>
    compact({
      _id: r._id,
      orderId: r.orderId,
      orderNo: r.orderNo,
      refundFee: r.refundFee,
      reason: r.reason,
      createdAt: iso(r.createdAt) as string,
      failedAt: iso(r.finishedAt),
    }),
  );

// ---- after-sales ----
const afterSaleView = (a: AfterSale, refund?: RefundRecord): AfterSaleAdminView =>
  compact({
    _id: a._id,
    orderId: a.orderId,
    orderNo: a.orderNo,
    openid: a.openid,
    batchId: a.batchId,
    pickupPointId: a.pickupPointId,
    leaderId: a.leaderId,
    lines: a.lines,
    refundFen: a.refundFen,
    reason: a.reason,
    description: a.description,
    photos: a.photos,
    status: a.status,
    createdAt: iso(a.createdAt) as string,
    reviewedAt: iso(a.reviewedAt),
    reviewReason: a.reviewReason,
    outRefundNo: a.outRefundNo,
    refundStatus: refund?.status,
  });

/** Each request with its refund's state (退款中, or 退款失败 to retry). */
export async function listAfterSales(input: PageInput & { status?: AfterSaleStatus }) {
  const found = await afterSalesPage(input.status, input);
  const refunds = await refundsByIds(found.items.flatMap((a) => (a.outRefundNo ? [a.outRefundNo] : [])));
  return paged(found, input, (a) => afterSaleView(a, a.outRefundNo ? refunds.get(a.outRefundNo) : undefined));
}

/** One refund number per after-sale request: approving twice (or retrying) is the same refund. */
export const afterSaleRefundNo = (afterSaleId: string) => `as-${afterSaleId}`.slice(0, 64);

async function afterSaleOrFail(id: string): Promise<AfterSale> {
  const a = await afterSaleById(id);
  if (!a) throw fail.notFound('售后申请');
  return a;
}

/** A closed request (rejected, or its refund asked for) no longer holds its units on the order's claim counters. */
async function giveBackClaim(a: AfterSale): Promise<void> {
  const order = await orderById(a.orderId);
  if (order) await releaseOrderUnits(order, a);
}

/**
 * Reviews a resident's after-sale request. Reject: pending → rejected.
 * Approve: pending → approved (recording the refund number and lines first),
 * then the refund through refundLines, then → refunded. Approving an
 * 'approved' request again retries the same refund (same out_refund_no).
 */
export async function reviewAfterSale(input: AfterSaleReviewInput, reviewer: string): Promise<AfterSaleAdminView> {
  const a = await afterSaleOrFail(input.id);
  const at = now();
  if (!input.approve) {
    if (a.status === 'rejected') return afterSaleView(a);
    const review = { reviewReason: input.reason, reviewedAt: at, reviewedBy: reviewer };
    if (!(await moveAfterSale(a._id, 'pending', 'rejected', review))) throw fail.state('该申请已处理');
    await giveBackClaim(a);
    return afterSaleView(await afterSaleOrFail(a._id));
  }
  if (a.status === 'rejected' || a.status === 'refunded') {
    if (a.status === 'refunded') return afterSaleView(a);
    throw fail.state('该申请已驳回');
  }
  const lines = input.refundLines ?? a.lines.map((l) => ({ batchItemId: l.batchItemId, qty: l.qty }));
  for (const [k, l] of lines.entries()) {
    const asked = a.lines.find((x) => x.batchItemId === l.batchItemId);
    if (!asked) throw fail.invalid(`refundLines.${k}.batchItemId: 不在该售后申请中`);
    if (l.qty > asked.qty) throw fail.invalid(`refundLines.${k}.qty: 超过申请数量 ${asked.qty}`);
  }
  const outRefundNo = a.outRefundNo ?? afterSaleRefundNo(a._id);
  if (a.status === 'pending') {
    const review = { reviewReason: input.reason, reviewedAt: at, reviewedBy: reviewer, outRefundNo };
    if (!(await moveAfterSale(a._id, 'pending', 'approved', review))) throw fail.state('该申请已处理');
  }
  // Approving an approved request again asks again for its refund, if it failed.
  const retry = a.status === 'approved';
  const refund = await refundLines(a.orderId, lines, `售后退款：${a.reason}`.slice(0, 80), outRefundNo, payDeps, {
    retry,
  });
  if (refund.status === 'failed') throw fail.state('该售后的退款已被微信支付拒绝，请重试退款');
  // The refund now holds the units on the payment's reservations, so the claim goes.
  if (await moveAfterSale(a._id, 'approved', 'refunded')) await giveBackClaim(a);
  return afterSaleView(await afterSaleOrFail(a._id));
}

// ---- notices outbox ----
/**
 * The outbox the leader functions write, newest first, with the resident's name
 * and phone tail and the pickup point's name beside the stored ids.
 */
export async function listNotices(input: PageInput & { status?: string }): Promise<Paged<NoticeView>> {
  const found = await noticesPage(input.status, input);
  const [buyers, points] = await Promise.all([
    buyersByIds(found.items.map((n) => String(n.openid ?? ''))),
    pointsForDocuments(found.items.map((n) => String(n.pickupPointId ?? ''))),
  ]);
  return paged(found, input, (n): NoticeView => {
    const buyer = buyers.get(String(n.openid ?? ''));
    return compact({
      ...n,
      buyerName: buyer?.nickname,
      buyerPhone: maskPhone(buyer?.phone),
      pointName: points.get(String(n.pickupPointId ?? ''))?.name,
    });
  });
}

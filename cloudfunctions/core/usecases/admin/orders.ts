import type {
  AdminOrderView,
  AfterSaleAdminView,
  AfterSaleReviewInput,
  NoticeView,
  OrderSearchInput,
  Paged,
  RefundResult,
} from '../../../../typings/admin';
import type { AfterSale, AfterSaleStatus, Order, User } from '../../../../typings/models';
import type { RefundRecord } from '../../domain/pay-records';
import { fail } from '../../domain/errors';
import { db, _ } from '../../infra/cloud';
import { now } from '../../infra/clock';
import { C } from '../../repos/collections';
import { refundLines } from '../refund/lines';
import { col, compact, isMissingCollection, iso, paged, type PageInput } from './common';

/** What the console may see of an order: no pickup code material. */
const ORDER_FIELDS = { pickupKey: false, pickupCodeCipher: false, clientRequestId: false };

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
      refundedQty: l.refundedQty,
      refundedFen: l.refundedFen,
      pickedQty: l.pickedQty,
    })),
    totalFen: o.totalFen,
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    createdAt: iso(o.createdAt) as string,
    paidAt: iso(o.paidAt),
    history: o.history?.map((h) => compact({ status: h.status, at: iso(h.at) as string, note: h.note })),
  });
}

async function buyersOf(openids: string[]): Promise<Map<string, User>> {
  if (!openids.length) return new Map();
  const res = await col(C.users)
    .where({ _id: _.in([...new Set(openids)]) })
    .field({ _id: true, nickname: true, phone: true })
    .limit(1000)
    .get();
  return new Map((res.data as User[]).map((u) => [u._id, u]));
}

/**
 * Finds orders by any mix of batch, status, pickup point, order number and the
 * buyer's phone tail (matched against users first, at most 200 buyers).
 */
export async function searchOrders(input: OrderSearchInput & PageInput): Promise<Paged<AdminOrderView>> {
  const where: Record<string, unknown> = {};
  if (input.batchId) where.batchId = input.batchId;
  if (input.status) where.status = input.status;
  if (input.pickupPointId) where.pickupPointId = input.pickupPointId;
  if (input.orderNo) where.orderNo = input.orderNo;
  if (input.phoneTail) {
    const users = await col(C.users)
      .where({ phone: db.RegExp({ regexp: `${input.phoneTail}$` }) })
      .field({ _id: true })
      .limit(200)
      .get();
    const openids = (users.data as User[]).map((u) => u._id);
    if (!openids.length) return { items: [], page: input.page, pageSize: input.pageSize, total: 0 };
    where.openid = _.in(openids);
  }
  const page = await paged<Order>(
    C.orders,
    where,
    [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    input,
    undefined,
    ORDER_FIELDS,
  );
  const buyers = await buyersOf(page.items.map((o) => o.openid));
  return { ...page, items: page.items.map((o) => adminOrderView(o, buyers.get(o.openid))) };
}

export async function orderForAdmin(id: string): Promise<AdminOrderView> {
  const o = (await col(C.orders).where({ _id: id }).field(ORDER_FIELDS).limit(1).get()).data[0] as Order | undefined;
  if (!o) throw fail.notFound('订单');
  return adminOrderView(o, (await buyersOf([o.openid])).get(o.openid));
}

export const refundResult = (r: RefundRecord): RefundResult => ({
  _id: r._id,
  orderId: r.orderId,
  refundFee: r.refundFee,
  status: r.status,
});

// ---- after-sales ----
const afterSaleView = (a: AfterSale): AfterSaleAdminView =>
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
  });

export const listAfterSales = (input: PageInput & { status?: AfterSaleStatus }) =>
  paged(
    C.afterSales,
    input.status ? { status: input.status } : {},
    [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    input,
    afterSaleView,
  );

/** One refund number per after-sale request: approving twice (or retrying) is the same refund. */
export const afterSaleRefundNo = (afterSaleId: string) => `as-${afterSaleId}`.slice(0, 64);

async function afterSaleOrFail(id: string): Promise<AfterSale> {
  const a = (await col(C.afterSales).where({ _id: id }).limit(1).get()).data[0] as AfterSale | undefined;
  if (!a) throw fail.notFound('售后申请');
  return a;
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
    const res = await col(C.afterSales)
      .where({ _id: a._id, status: 'pending' })
      .update({ data: { status: 'rejected', reviewReason: input.reason, reviewedAt: at, reviewedBy: reviewer } });
    if (Number(res.stats?.updated ?? 0) !== 1) throw fail.state('该申请已处理');
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
    const res = await col(C.afterSales)
      .where({ _id: a._id, status: 'pending' })
      .update({
        data: { status: 'approved', reviewReason: input.reason, reviewedAt: at, reviewedBy: reviewer, outRefundNo },
      });
    if (Number(res.stats?.updated ?? 0) !== 1) throw fail.state('该申请已处理');
  }
  const refund = await refundLines(a.orderId, lines, `售后退款：${a.reason}`.slice(0, 80), outRefundNo);
  if (refund.status === 'failed') throw fail.state('该售后的退款已被微信支付拒绝，请改为手动退款');
  await col(C.afterSales)
    .where({ _id: a._id, status: 'approved' })
    .update({ data: { status: 'refunded' } });
  return afterSaleView(await afterSaleOrFail(a._id));
}

// ---- notices outbox ----
/** The outbox the leader functions write; listed as stored, newest first. A fresh environment may not have it yet. */
export async function listNotices(input: PageInput & { status?: string }): Promise<Paged<NoticeView>> {
  try {
    return await paged<NoticeView>(
      C.notices,
      input.status ? { status: input.status } : {},
      [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      input,
    );
  } catch (err) {
    if (isMissingCollection(err)) return { items: [], page: input.page, pageSize: input.pageSize, total: 0 };
    throw err;
  }
}

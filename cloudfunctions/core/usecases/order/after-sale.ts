import type { AfterSaleView } from '../../../../typings/api';
import type { AfterSale, AfterSaleLine, Order } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { refundForQty } from '../../domain/money';
import { AFTER_SALE_STATUSES } from '../../domain/order-status';
import { mergeLines, type RequestedLine } from '../../domain/pricing';
import { checkText } from '../../infra/content-check';
import * as afterSales from '../../repos/after-sales';
import type { LineClaim } from '../../repos/after-sales';
import * as orders from '../../repos/orders';
import * as payments from '../../repos/payments';
import { randomUUID } from 'node:crypto';

export interface AfterSaleInput {
  orderId: string;
  lines: RequestedLine[];
  reason: string;
  description: string;
  photos: string[];
}

/** What a request reaches: the order, its refund reservations, the claim counters, the content check. */
export interface AfterSaleDeps {
  orders: Pick<typeof orders, 'ownOrder'>;
  payments: Pick<typeof payments, 'refundReservationOf'>;
  afterSales: Pick<typeof afterSales, 'claimOrderUnits' | 'insertAfterSale'>;
  checkText: typeof checkText;
}

export const afterSaleDeps: AfterSaleDeps = { orders, payments, afterSales, checkText };

/** A claim moved under us this many times in a row (other requests or refunds): give up with a clear answer. */
const CLAIM_ATTEMPTS = 8;

/**
 * The claim each requested line makes, or the refusal: never more units than
 * bought minus refunded (or promised to a refund) minus already claimed.
 */
function claimsOf(order: Order, reserved: Record<string, number>, requested: RequestedLine[]): LineClaim[] {
  return requested.map(({ batchItemId, qty }) => {
    const index = order.lines.findIndex((l) => l.batchItemId === batchItemId);
    if (index < 0) throw fail.invalid(`订单中没有该商品: ${batchItemId}`);
    const line = order.lines[index];
    const cap = line.qty - Math.max(line.refundedQty, reserved[batchItemId] ?? 0);
    const left = cap - (line.claimedQty ?? 0);
    if (qty > left) throw fail.invalid(`${line.title}最多可申请 ${Math.max(0, left)}${line.unit}`);
    return { index, qty, cap, claimedQty: line.claimedQty, refundedQty: line.refundedQty };
  });
}

/**
 * 申请售后: a resident asks for a refund of some units of an order whose goods
 * have arrived (arrived or picked up; a paid order before arrival is refused). The
 * units are claimed on the order lines' counters with one guarded update
 * before the request is stored, so requests against a line never add up to
 * more than was bought minus refunded, however many arrive at once. The text
 * passes WeChat's content check before anything is claimed or stored; an
 * admin reviews the request later (rejecting or refunding gives the claim back).
 */
export async function requestAfterSale(
  openid: string,
  input: AfterSaleInput,
  now: Date,
  deps: AfterSaleDeps = afterSaleDeps,
): Promise<AfterSaleView> {
  const requested = mergeLines(input.lines);
  let order: Order | undefined;
  for (let attempt = 0; ; attempt++) {
    order = await deps.orders.ownOrder(input.orderId, openid);
    if (!order) throw fail.notFound('订单');
    // Before arrival the resident has nothing to complain about yet (a paid order can still be cancelled before cut-off).
    if (order.status === 'paid') throw fail.state('商品到货后才能申请售后');
    if (!AFTER_SALE_STATUSES.includes(order.status)) throw fail.state('该订单当前不能申请售后');
    const claims = claimsOf(order, await deps.payments.refundReservationOf(order.orderNo), requested);
    if (attempt === 0) await deps.checkText(openid, `${input.reason}\n${input.description}`.trim());
    if (await deps.afterSales.claimOrderUnits(order._id, openid, claims)) break;
    if (attempt + 1 >= CLAIM_ATTEMPTS) throw fail.state('申请的人太多了，请稍后再试');
  }

  const lines: AfterSaleLine[] = requested.map(({ batchItemId, qty }) => {
    const line = order.lines.find((l) => l.batchItemId === batchItemId)!;
    return { batchItemId, title: line.title, qty, refundFen: refundForQty(line, qty) };
  });
  const afterSale: AfterSale = {
    _id: randomUUID().replace(/-/g, ''),
    orderId: order._id,
    orderNo: order.orderNo,
    openid,
    batchId: order.batchId,
    pickupPointId: order.pickupPointId,
    leaderId: order.leaderId,
    lines,
    refundFen: lines.reduce((s, l) => s + l.refundFen, 0),
    reason: input.reason,
    description: input.description,
    photos: input.photos,
    status: 'pending',
    createdAt: now,
  };
  await deps.afterSales.insertAfterSale(afterSale);
  return {
    _id: afterSale._id,
    orderId: afterSale.orderId,
    status: afterSale.status,
    refundFen: afterSale.refundFen,
    lines,
    createdAt: now.toISOString(),
  };
}

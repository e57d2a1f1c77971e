import type { AfterSaleView } from '../../../../typings/api';
import type { AfterSale, AfterSaleLine } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { refundForQty } from '../../domain/money';
import { PAID_STATUSES } from '../../domain/order-status';
import { mergeLines, type RequestedLine } from '../../domain/pricing';
import { checkText } from '../../infra/content-check';
import { insertAfterSale, openAfterSalesOf } from '../../repos/after-sales';
import { ownOrder } from '../../repos/orders';
import { randomUUID } from 'node:crypto';

export interface AfterSaleInput {
  orderId: string;
  lines: RequestedLine[];
  reason: string;
  description: string;
  photos: string[];
}

/**
 * 申请售后: a resident asks for a refund of some units of a paid order. Units
 * already refunded or under an open request cannot be asked for again. The
 * text passes WeChat's content check before anything is stored; an admin
 * reviews the request later.
 */
export async function requestAfterSale(openid: string, input: AfterSaleInput, now: Date): Promise<AfterSaleView> {
  const requested = mergeLines(input.lines);
  const order = await ownOrder(input.orderId, openid);
  if (!order) throw fail.notFound('订单');
  if (!PAID_STATUSES.includes(order.status)) throw fail.state('该订单当前不能申请售后');
  const open = await openAfterSalesOf(order._id);
  const asked = new Map<string, number>();
  for (const a of open) for (const l of a.lines) asked.set(l.batchItemId, (asked.get(l.batchItemId) ?? 0) + l.qty);

  const lines: AfterSaleLine[] = requested.map(({ batchItemId, qty }) => {
    const line = order.lines.find((l) => l.batchItemId === batchItemId);
    if (!line) throw fail.invalid(`订单中没有该商品: ${batchItemId}`);
    const left = line.qty - line.refundedQty - (asked.get(batchItemId) ?? 0);
    if (qty > left) throw fail.invalid(`${line.title}最多可申请 ${Math.max(0, left)}${line.unit}`);
    return { batchItemId, title: line.title, qty, refundFen: refundForQty(line, qty) };
  });

  await checkText(openid, `${input.reason}\n${input.description}`.trim());

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
  await insertAfterSale(afterSale);
  return {
    _id: afterSale._id,
    orderId: afterSale.orderId,
    status: afterSale.status,
    refundFen: afterSale.refundFen,
    lines,
    createdAt: now.toISOString(),
  };
}

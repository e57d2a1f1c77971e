import type { Order, OrderLine } from '../../../typings/models';
import { refundForUnits } from './money';
import type { PaymentRecord, RefundLine } from './pay-records';

export class RefundRefused extends Error {}

/**
 * What a refund of some lines of an order comes to: the units' paid share per
 * line (price × quantity when the line had no discount, core/domain/money.ts),
 * never more units than bought minus those already promised to other refunds,
 * never more money than paid minus what is already promised.
 */
export function planRefund(
  order: Pick<Order, 'lines' | 'paidFen'>,
  payment: Pick<PaymentRecord, 'refundReservedFen' | 'refundReservedQty'>,
  wanted: Array<{ batchItemId: string; qty: number }>,
): { lines: RefundLine[]; refundFee: number } {
  if (!wanted.length) throw new RefundRefused('没有要退款的商品');
  const seen = new Set<string>();
  const lines = wanted.map(({ batchItemId, qty }) => {
    if (seen.has(batchItemId)) throw new RefundRefused(`重复的商品 ${batchItemId}`);
    seen.add(batchItemId);
    const line: OrderLine | undefined = order.lines.find((l) => l.batchItemId === batchItemId);
    if (!line) throw new RefundRefused(`订单中没有商品 ${batchItemId}`);
    if (!Number.isInteger(qty) || qty <= 0) throw new RefundRefused('退款数量无效');
    const promised = Math.max(payment.refundReservedQty[batchItemId] ?? 0, line.refundedQty);
    const left = line.qty - promised;
    if (qty > left) throw new RefundRefused(`${line.title} 最多可退 ${Math.max(left, 0)} ${line.unit}`);
    return { batchItemId, qty, fen: refundForUnits(line, promised, qty) };
  });
  const refundFee = lines.reduce((sum, l) => sum + l.fen, 0);
  if (refundFee > order.paidFen - payment.refundReservedFen) throw new RefundRefused('退款金额超过可退金额');
  return { lines, refundFee };
}

/** The order after a refund has gone through: lines and totals counted, fully refunded → refunded. */
export function applyRefund(
  order: Pick<Order, 'lines' | 'refundedFen' | 'paidFen' | 'status'>,
  lines: RefundLine[],
): Pick<Order, 'lines' | 'refundedFen' | 'status'> {
  const next = order.lines.map((line) => {
    const r = lines.find((l) => l.batchItemId === line.batchItemId);
    return r ? { ...line, refundedQty: line.refundedQty + r.qty, refundedFen: line.refundedFen + r.fen } : line;
  });
  const refundedFen = order.refundedFen + lines.reduce((sum, l) => sum + l.fen, 0);
  const status = refundedFen >= order.paidFen ? 'refunded' : order.status;
  return { lines: next, refundedFen, status };
}

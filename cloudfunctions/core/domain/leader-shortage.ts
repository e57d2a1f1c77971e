import { createHash } from 'node:crypto';
import type { ChargebackReason } from '../../../typings/leader';
import { refundForUnits } from './money';

/**
 * Shortage at arrival (到货缺损), pure. Per item, the leader reports what was
 * received and how much of it is damaged; what residents can get is
 * received − damaged. When that is below what they ordered (net of refunds),
 * the shortfall is refunded by this rule:
 *
 *   LATEST ORDERS FIRST (createdAt descending, then _id descending), WHOLE UNITS,
 *   each order giving up as many units of the item as it holds, until the
 *   shortfall is covered.
 *
 * Who ordered last loses first, as in a queue; earlier buyers are served in
 * full. The supplier is charged back per item: the units the delivery did not
 * contain (ordered − received) as 'shortage', the rest of the shortfall as
 * 'damage'. A refund is the units' paid share (the selling price, less any coupon's share).
 */
export interface HeldLine {
  orderId: string;
  orderNo: string;
  openid: string;
  createdAt: number;
  batchItemId: string;
  /** Units the order still holds (bought − refunded or promised to refunds). */
  qty: number;
  /** The order line's units and what was paid for them (a coupon's share already off). */
  bought: number;
  amountFen: number;
}

export interface ArrivalReport {
  batchItemId: string;
  receivedQty: number;
  damagedQty: number;
}

export interface PlannedRefund {
  orderId: string;
  orderNo: string;
  openid: string;
  batchItemId: string;
  qty: number;
  fen: number;
}

export interface PlannedChargeback {
  batchItemId: string;
  qty: number;
  reason: ChargebackReason;
}

export function planShortage(
  held: readonly HeldLine[],
  reports: readonly ArrivalReport[],
): { ordered: Map<string, number>; refunds: PlannedRefund[]; chargebacks: PlannedChargeback[] } {
  const ordered = new Map<string, number>();
  for (const h of held) ordered.set(h.batchItemId, (ordered.get(h.batchItemId) ?? 0) + h.qty);
  const refunds: PlannedRefund[] = [];
  for (const r of reports) {
    const shortfall = shortfallOf({ ...r, orderedQty: ordered.get(r.batchItemId) ?? 0 });
    if (shortfall === 0) continue;
    const lines = held
      .filter((h) => h.batchItemId === r.batchItemId && h.qty > 0)
      .sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0));
    let left = shortfall;
    for (const h of lines) {
      if (left === 0) break;
      const qty = Math.min(left, h.qty);
      left -= qty;
      refunds.push({
        orderId: h.orderId,
        orderNo: h.orderNo,
        openid: h.openid,
        batchItemId: h.batchItemId,
        qty,
        fen: refundForUnits({ amountFen: h.amountFen, qty: h.bought }, h.bought - h.qty, qty),
      });
    }
  }
  const chargebacks = shortageChargebacks(reports.map((r) => ({ ...r, orderedQty: ordered.get(r.batchItemId) ?? 0 })));
  return { ordered, refunds, chargebacks };
}

/** An item's report with what residents held of it when the plan was made. */
export type PlannedLine = ArrivalReport & { orderedQty: number };

/** Units residents cannot get: ordered − (received − damaged), never below 0. */
const shortfallOf = (l: PlannedLine) => Math.max(0, l.orderedQty - Math.max(0, l.receivedQty - l.damagedQty));

/**
 * The supplier's chargebacks of a plan's lines: per item, the units the
 * delivery did not contain as 'shortage', the rest of the shortfall as 'damage'.
 * They follow from the stored plan alone, so whoever finishes a plan charges
 * back exactly what that plan says.
 */
export function shortageChargebacks(lines: readonly PlannedLine[]): PlannedChargeback[] {
  const out: PlannedChargeback[] = [];
  for (const l of lines) {
    const shortfall = shortfallOf(l);
    const missing = Math.min(shortfall, Math.max(0, l.orderedQty - l.receivedQty));
    if (missing > 0) out.push({ batchItemId: l.batchItemId, qty: missing, reason: 'shortage' });
    if (shortfall - missing > 0) out.push({ batchItemId: l.batchItemId, qty: shortfall - missing, reason: 'damage' });
  }
  return out;
}

const itemHash = (batchItemId: string) => createHash('sha256').update(batchItemId).digest('hex').slice(0, 12);

/** out_refund_no of an arrival shortage refund: one per order and item (one arrival per batch and point). */
export const arrivalRefundNo = (orderNo: string, batchItemId: string): string =>
  `${orderNo}-ar-${itemHash(batchItemId)}`;

/** out_refund_no of a no-show refund: one per order and item. */
export const noShowRefundNo = (orderNo: string, batchItemId: string): string =>
  `${orderNo}-ns-${itemHash(batchItemId)}`;

import type { MemoryOrders } from './memory-orders';

export interface MemoryRefund {
  outRefundNo: string;
  orderId: string;
  lines: Array<{ batchItemId: string; qty: number; fen: number }>;
  refundFee: number;
}

/**
 * Refunds keyed by out_refund_no, with the guards of refund/lines.ts: asking
 * again with a number already used answers the first refund (no money twice),
 * and a refund of more units than the line still holds (bought − refunded −
 * promised to refunds on their way) is refused. `refuse` makes WeChat Pay turn
 * down an order's refunds.
 */
export class MemoryRefunds {
  readonly byNo = new Map<string, MemoryRefund>();
  readonly refuse = new Set<string>();
  calls = 0;

  constructor(private readonly orders: MemoryOrders) {}

  refund = async (
    orderId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    _reason: string,
    outRefundNo: string,
  ): Promise<MemoryRefund> => {
    this.calls++;
    const existing = this.byNo.get(outRefundNo);
    if (existing) return existing;
    if (this.refuse.has(orderId)) throw new Error(`WeChat Pay refused the refund of ${orderId}`);
    const order = this.orders.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    const planned = lines.map((asked) => {
      const line = order.lines.find((l) => l.batchItemId === asked.batchItemId);
      if (!line) throw new Error(`order ${orderId} has no ${asked.batchItemId}`);
      const promised = this.promised(orderId, asked.batchItemId);
      if (asked.qty > line.qty - Math.max(line.refundedQty, promised))
        throw new Error(`refund of ${asked.qty} ${asked.batchItemId} exceeds what ${orderId} holds`);
      return { batchItemId: asked.batchItemId, qty: asked.qty, fen: asked.qty * line.priceFen };
    });
    const refund = { outRefundNo, orderId, lines: planned, refundFee: planned.reduce((s, l) => s + l.fen, 0) };
    this.byNo.set(outRefundNo, refund);
    return refund;
  };

  private promised(orderId: string, batchItemId: string): number {
    let qty = 0;
    for (const r of this.byNo.values())
      if (r.orderId === orderId) for (const l of r.lines) if (l.batchItemId === batchItemId) qty += l.qty;
    return qty;
  }

  /** Fen refunded per order. */
  feesByOrder(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.byNo.values()) out.set(r.orderId, (out.get(r.orderId) ?? 0) + r.refundFee);
    return out;
  }
}

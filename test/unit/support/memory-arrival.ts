import type { ArrivalRecord, Chargeback, NoticeKind, ShortageRefund } from '../../../typings/leader';
import type { Batch, BatchItem, Order } from '../../../typings/models';
import type { RefundRecord } from '../../../cloudfunctions/core/domain/pay-records';
import type { ArrivalRepos } from '../../../cloudfunctions/core/usecases/leader/arrival';
import { copy } from './memory-tx';

type ArrivalDone = Parameters<ArrivalRepos['finishArrival']>[1];

/**
 * What an arrival confirmation touches, in memory: batches, items, orders (paged
 * by _id like the database, `pageSize` a page), refund reservations on payments,
 * the arrivals plan (a second insert of the same _id is refused), chargebacks
 * (insert once), the refunds asked for (one per outRefundNo, as the refund use
 * case is idempotent on it) and the notice outbox (one per order and kind).
 */
export class MemoryArrival implements ArrivalRepos {
  readonly batches = new Map<string, Batch>();
  items: BatchItem[] = [];
  readonly orders = new Map<string, Order>();
  /** orderNo → units per item that refunds in flight have reserved. */
  readonly reservations = new Map<string, Record<string, number>>();
  readonly arrivals = new Map<string, ArrivalRecord>();
  readonly chargebacks = new Map<string, Chargeback>();
  /** outRefundNo → the refund asked for. */
  readonly refunds = new Map<string, { orderId: string; batchItemId: string; qty: number }>();
  /** Calls of the refund use case, repeats included. */
  refundCalls = 0;
  /** Order ids whose refund the refund use case refuses (an AppError) or fails on (any other error). */
  readonly refuse = new Map<string, Error>();
  readonly outbox = new Set<string>();
  pageSize = 2;
  /** Runs once, just before the plan is claimed: where a test lets another confirmation win. */
  beforeClaim?: () => Promise<void>;

  batchById = async (id: string) => copy(this.batches.get(id));
  arrivalById = async (id: string) => copy(this.arrivals.get(id));
  briefItemsOf = async (batchId: string) => copy(this.items.filter((i) => i.batchId === batchId));

  async *paidOrdersAt(batchId: string, pickupPointId: string) {
    yield* this.pagesOf((o) => o.batchId === batchId && o.pickupPointId === pickupPointId && o.status === 'paid');
  }

  async *arrivedOrdersAt(batchId: string, pickupPointId: string) {
    yield* this.pagesOf(
      (o) =>
        o.batchId === batchId &&
        o.pickupPointId === pickupPointId &&
        (o.status === 'arrived' || o.status === 'picked_up'),
    );
  }

  refundReservations = async (orderNos: string[]) =>
    new Map(orderNos.filter((n) => this.reservations.has(n)).map((n) => [n, copy(this.reservations.get(n)!)]));

  claimArrivalPlan = async (plan: ArrivalRecord) => {
    const before = this.beforeClaim;
    this.beforeClaim = undefined;
    await before?.();
    if (this.arrivals.has(plan._id)) return false;
    this.arrivals.set(plan._id, copy(plan));
    return true;
  };

  recordChargeback = async (c: Chargeback) => {
    if (this.chargebacks.has(c._id)) return false;
    this.chargebacks.set(c._id, copy(c));
    return true;
  };

  chargebacksAt = async (batchId: string, pickupPointId: string) =>
    copy([...this.chargebacks.values()].filter((c) => c.batchId === batchId && c.pickupPointId === pickupPointId));

  refundLines = async (
    orderId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    reason: string,
    outRefundNo: string,
  ): Promise<RefundRecord> => {
    this.refundCalls++;
    const refused = this.refuse.get(orderId);
    if (refused) throw refused;
    const order = this.orders.get(orderId)!;
    if (!this.refunds.has(outRefundNo))
      this.refunds.set(outRefundNo, { orderId, batchItemId: lines[0].batchItemId, qty: lines[0].qty });
    const refunded = lines.map((l) => ({
      ...l,
      fen: l.qty * order.lines.find((x) => x.batchItemId === l.batchItemId)!.priceFen,
    }));
    return {
      _id: outRefundNo,
      orderId,
      orderNo: order.orderNo,
      openid: order.openid,
      kind: 'lines',
      lines: refunded,
      refundFee: refunded.reduce((sum, l) => sum + l.fen, 0),
      totalFee: order.paidFen,
      reason,
      status: 'requested',
      createdAt: new Date(),
    };
  };

  recordArrivalRefunds = async (id: string, refunds: ShortageRefund[]) => {
    this.arrivals.set(id, { ...this.arrivals.get(id)!, refunds: copy(refunds) });
  };

  markArrivedAt = async (batchId: string, pickupPointId: string, at: Date) => {
    let n = 0;
    for (const o of this.orders.values())
      if (o.batchId === batchId && o.pickupPointId === pickupPointId && o.status === 'paid') {
        o.status = 'arrived';
        o.history.push({ status: 'arrived', at, note: '到货' });
        n++;
      }
    return n;
  };

  templateIds = async () => ({ pickup: 'TPL_PICKUP', reminder: 'TPL_PICKUP_REMINDER', refund: 'TPL_REFUND' });

  sendNotice = async (kind: NoticeKind, order: { _id: string }) => {
    const id = `${kind}|${order._id}`;
    if (this.outbox.has(id)) return 'skipped' as const;
    this.outbox.add(id);
    return 'sent' as const;
  };

  finishArrival = async (id: string, done: ArrivalDone) => {
    this.arrivals.set(id, { ...this.arrivals.get(id)!, ...copy(done) });
  };

  /** Fen refunded per order (what the refunds asked for are worth at the line's price). */
  refundedFen(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.refunds.values()) {
      const price = this.orders.get(r.orderId)!.lines.find((l) => l.batchItemId === r.batchItemId)!.priceFen;
      out.set(r.orderId, (out.get(r.orderId) ?? 0) + r.qty * price);
    }
    return out;
  }

  private async *pagesOf(match: (o: Order) => boolean) {
    const found = [...this.orders.values()].filter(match).sort((a, b) => (a._id < b._id ? -1 : 1));
    for (let i = 0; i < found.length; i += this.pageSize) yield copy(found.slice(i, i + this.pageSize));
  }
}

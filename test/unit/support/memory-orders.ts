import type { BatchItem, Order, OrderLine, OrderStatus } from '../../../typings/models';
import type { OrderDeps } from '../../../cloudfunctions/core/usecases/order/deps';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';
import { MemoryStore } from './memory-store';

type Orders = OrderDeps['orders'] & PayDeps['orders'];

/** Statuses whose orders hold money (domain/pay-records REFUNDABLE_STATUSES) and the ones to supply (repos/orders). */
const HOLDING: OrderStatus[] = ['paid', 'arrived', 'picked_up', 'refunding'];
const SUPPLIED: OrderStatus[] = ['paid', 'arrived', 'picked_up'];

const copy = <T>(x: T): T => structuredClone(x);

/** An order of one batch as the order function writes it, paid unless told otherwise. */
export function testOrder(
  _id: string,
  lines: Array<{ item: BatchItem; qty: number }>,
  opts: { pickupPointId?: string; status?: OrderStatus } = {},
): Order {
  const at = new Date('2030-01-01T02:00:00Z');
  const orderLines: OrderLine[] = lines.map(({ item, qty }) => ({
    batchItemId: item._id,
    productId: item.productId,
    title: item.title,
    unit: item.unit,
    categoryId: item.categoryId,
    supplierId: item.supplierId,
    priceFen: item.priceFen,
    qty,
    amountFen: qty * item.priceFen,
    refundedQty: 0,
    refundedFen: 0,
    pickedQty: 0,
    countedInLimit: false,
  }));
  const totalFen = orderLines.reduce((s, l) => s + l.amountFen, 0);
  return {
    _id,
    orderNo: `no-${_id}`,
    openid: `o-${_id}`,
    clientRequestId: `req-${_id}`,
    batchId: lines[0].item.batchId,
    pickupPointId: opts.pickupPointId ?? 'pp-1',
    leaderId: 'leader-1',
    lines: orderLines,
    totalFen,
    paidFen: opts.status === 'pending_payment' || opts.status === 'cancelled' ? 0 : totalFen,
    refundedFen: 0,
    status: opts.status ?? 'paid',
    history: [],
    payDeadline: at,
    createdAt: at,
  };
}

/**
 * Orders in a Map, read the way the orders repository reads them (by _id order,
 * in pages, as copies), with its unique indexes (_id, orderNo, pickupKey) and
 * its guarded status change.
 */
export class MemoryOrders extends MemoryStore<Order> implements Orders {
  async insertOrder(order: Order): Promise<'inserted' | 'exists' | 'code_taken'> {
    if (this.docs.has(order._id)) return 'exists';
    const clash = this.find((o) => o.orderNo === order.orderNo || (!!o.pickupKey && o.pickupKey === order.pickupKey));
    if (clash.length) return 'code_taken';
    this.insert(order);
    return 'inserted';
  }

  async orderById(orderId: string): Promise<Order | undefined> {
    return this.get(orderId);
  }

  async hasBought(openid: string): Promise<boolean> {
    return this.find((o) => o.openid === openid && !!o.paidAt).length > 0;
  }

  async orderByOrderNo(orderNo: string): Promise<Order | undefined> {
    return this.find((o) => o.orderNo === orderNo)[0];
  }

  async ownOrder(orderId: string, openid: string): Promise<Order | undefined> {
    const order = this.get(orderId);
    return order?.openid === openid ? order : undefined;
  }

  async transitionOrder(
    orderId: string,
    from: OrderStatus,
    to: OrderStatus,
    at: Date,
    extra: Partial<Order> = {},
    note?: string,
  ): Promise<boolean> {
    return this.update(
      orderId,
      (o) => o.status === from,
      (o) => {
        Object.assign(o, structuredClone(extra), { status: to });
        o.history.push({ status: to, at, ...(note ? { note } : {}) });
      },
    );
  }

  get orders(): Map<string, Order> {
    return this.docs;
  }

  private ofBatch(batchId: string, statuses: OrderStatus[]): Order[] {
    return [...this.docs.values()]
      .filter((o) => o.batchId === batchId && statuses.includes(o.status))
      .sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  paidQtyPerItem = async (batchId: string): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    for (const o of this.ofBatch(batchId, HOLDING))
      for (const l of o.lines) out.set(l.batchItemId, (out.get(l.batchItemId) ?? 0) + l.qty - l.refundedQty);
    return out;
  };

  buyersOfItem = (batchId: string, batchItemId: string, pageSize: number) =>
    pagesOf(
      this.ofBatch(batchId, HOLDING).filter((o) => o.lines.some((l) => l.batchItemId === batchItemId)),
      pageSize,
    );

  supplyOrderPages = (batchId: string, after: string, pageSize: number) =>
    pagesOf(
      this.ofBatch(batchId, SUPPLIED).filter((o) => o._id > after),
      pageSize,
    );
}

async function* pagesOf<T>(rows: T[], pageSize: number): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += pageSize) yield copy(rows.slice(i, i + pageSize));
}

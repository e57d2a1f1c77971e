import type { AfterSale, Order, OrderStatus } from '../../../typings/models';
import { _ } from '../infra/cloud';
import { REFUNDABLE_STATUSES } from '../domain/pay-records';
import { C, coll, findOne, rows, updatedCount } from './collections';
import { collection } from './db';

export async function insertOrder(order: Order): Promise<void> {
  await coll(C.orders).add({ data: order });
}

export const orderById = (orderId: string) => findOne<Order>(C.orders, { _id: orderId });

/** The caller's order or nothing: another resident's order is indistinguishable from a missing one. */
export const ownOrder = (orderId: string, openid: string) => findOne<Order>(C.orders, { _id: orderId, openid });

export function ordersOf(
  openid: string,
  status: OrderStatus | undefined,
  skip: number,
  limit: number,
): Promise<Order[]> {
  return rows<Order>(
    coll(C.orders)
      .where({ openid, ...(status ? { status } : {}) })
      .orderBy('createdAt', 'desc')
      .skip(skip)
      .limit(limit)
      .field({ pickupKey: false, pickupCodeCipher: false, history: false }),
  );
}

/**
 * Moves an order from one status to another if (and only if) it is still in
 * `from`: the guard makes a status change happen once, whoever races for it.
 */
export async function transitionOrder(
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  at: Date,
  extra: Record<string, unknown> = {},
  note?: string,
): Promise<boolean> {
  const res = await coll(C.orders)
    .where({ _id: orderId, status: from })
    .update({ data: { ...extra, status: to, history: _.push([{ status: to, at, ...(note ? { note } : {}) }]) } });
  return updatedCount(res) === 1;
}

export function openAfterSalesOf(orderId: string): Promise<AfterSale[]> {
  return rows<AfterSale>(
    coll(C.afterSales)
      .where({ orderId, status: _.in(['pending', 'approved']) })
      .limit(100),
  );
}

export async function insertAfterSale(afterSale: AfterSale): Promise<void> {
  await coll(C.afterSales).add({ data: afterSale });
}

const orders = () => collection('orders');

/** Unpaid orders whose payment window has closed, oldest deadline first; of one batch when given. */
export function expiredUnpaidOrders(
  now: Date,
  opts: { batchId?: string; skip?: string[]; limit: number },
): Promise<Array<Pick<Order, '_id' | 'orderNo' | 'totalFen'>>> {
  return orders().find(
    {
      status: 'pending_payment',
      payDeadline: _.lt(now),
      ...(opts.batchId ? { batchId: opts.batchId } : {}),
      ...(opts.skip?.length ? { _id: _.nin(opts.skip) } : {}),
    },
    { orderBy: [['payDeadline', 'asc']], limit: opts.limit, fields: { _id: true, orderNo: true, totalFen: true } },
  );
}

export const unpaidCountOf = (batchId: string) => orders().count({ batchId, status: 'pending_payment' });

/** Units paid per item of a batch: orders holding money, net of refunds. */
export async function paidQtyPerItem(batchId: string): Promise<Map<string, number>> {
  const $ = _.aggregate;
  const res = (await orders()
    .raw.aggregate()
    .match({ batchId, status: _.in(REFUNDABLE_STATUSES) })
    .unwind('$lines')
    .group({ _id: '$lines.batchItemId', qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])) })
    .limit(1000)
    .end()) as { list: Array<{ _id: string; qty: number }> };
  return new Map(res.list.map((r) => [r._id, r.qty]));
}

/** The orders holding money for one item of a batch, a page at a time by _id. */
export function buyersOfItem(
  batchId: string,
  batchItemId: string,
  pageSize: number,
): AsyncGenerator<Array<Pick<Order, '_id' | 'orderNo' | 'lines'>>> {
  return orders().pages(
    { batchId, 'lines.batchItemId': batchItemId, status: _.in(REFUNDABLE_STATUSES) },
    { pageSize, fields: { orderNo: true, lines: true } },
  );
}

/** Orders whose goods must be bought and delivered. */
export const SUPPLY_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up'];

/** An order as the cut-off aggregate reads it: only what it needs crosses the wire. */
export type SupplyOrderRow = Pick<Order, '_id' | 'pickupPointId'> & {
  lines: Array<
    Pick<Order['lines'][number], 'batchItemId' | 'supplierId' | 'qty' | 'refundedQty' | 'amountFen' | 'refundedFen'>
  >;
};

/** The batch's orders to supply, a page at a time by _id, resuming after the order _id `after`. */
export function supplyOrderPages(batchId: string, after: string, pageSize: number): AsyncGenerator<SupplyOrderRow[]> {
  return orders().pages(
    { batchId, status: _.in(SUPPLY_STATUSES) },
    {
      pageSize,
      after: after || undefined,
      fields: {
        pickupPointId: true,
        'lines.batchItemId': true,
        'lines.supplierId': true,
        'lines.qty': true,
        'lines.refundedQty': true,
        'lines.amountFen': true,
        'lines.refundedFen': true,
      },
    },
  );
}

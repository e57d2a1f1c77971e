import type { AfterSale, Order, OrderStatus } from '../../../typings/models';
import { _ } from '../infra/cloud';
import { C, coll, findOne, rows, updatedCount } from './collections';

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

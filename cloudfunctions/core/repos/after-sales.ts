import type { AfterSale, AfterSaleStatus, Order } from '../../../typings/models';
import { AFTER_SALE_STATUSES } from '../domain/order-status';
import { cmd, collection } from './db';

const afterSales = () => collection('afterSales');
const orders = () => collection('orders');

export const afterSaleById = (id: string) => afterSales().byId(id);

/** The console's list, newest first. */
export const afterSalesPage = (status: AfterSaleStatus | undefined, page: { page: number; pageSize: number }) =>
  afterSales().page(status ? { status } : {}, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    ...page,
  });

/**
 * Moves a request from one status to another with the review's fields, only if
 * it is still in `from`: a request is reviewed once, whoever races for it.
 */
export async function moveAfterSale(
  id: string,
  from: AfterSaleStatus,
  to: AfterSaleStatus,
  fields: Partial<AfterSale> = {},
): Promise<boolean> {
  return (await afterSales().update({ _id: id, status: from }, { ...fields, status: to })) > 0;
}

/** One line's share of a claim: its index in order.lines, the units asked and the most the counter may reach. */
export interface LineClaim {
  index: number;
  qty: number;
  /** Units bought minus units refunded or promised to refunds, as read. */
  cap: number;
  /** The line's claimedQty and refundedQty as read (claimedQty undefined: the order predates the counter). */
  claimedQty: number | undefined;
  refundedQty: number;
}

/**
 * Adds after-sale units to the order lines' claimed counters in ONE guarded
 * update: it changes the order only while its goods are still the resident's (arrived or picked up), each counter still
 * leaves room for the units (≤ cap − qty) and no refund has moved the line, so
 * concurrent requests can never claim more than was bought minus refunded.
 * false: the order moved meanwhile (read it again and decide again).
 */
export async function claimOrderUnits(orderId: string, openid: string, claims: LineClaim[]): Promise<boolean> {
  const where: Record<string, unknown> = { _id: orderId, openid, status: cmd.in([...AFTER_SALE_STATUSES]) };
  const data: Record<string, unknown> = {};
  for (const c of claims) {
    where[`lines.${c.index}.claimedQty`] = c.claimedQty === undefined ? cmd.exists(false) : cmd.lte(c.cap - c.qty);
    where[`lines.${c.index}.refundedQty`] = c.refundedQty;
    data[`lines.${c.index}.claimedQty`] = cmd.inc(c.qty);
  }
  return (await orders().update(where, data)) === 1;
}

/** Gives a closed request's units back to its order lines' claimed counters (never below zero). */
export async function releaseOrderUnits(order: Pick<Order, '_id' | 'lines'>, afterSale: Pick<AfterSale, 'lines'>) {
  for (const l of afterSale.lines) {
    const index = order.lines.findIndex((x) => x.batchItemId === l.batchItemId);
    if (index < 0) continue;
    const key = `lines.${index}.claimedQty`;
    await orders().update({ _id: order._id, [key]: cmd.gte(l.qty) }, { [key]: cmd.inc(-l.qty) });
  }
}

/** A resident's requests (of one order when given), newest first. */
export const afterSalesOf = (openid: string, orderId: string | undefined, limit: number) =>
  afterSales().find(orderId ? { openid, orderId } : { openid }, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    limit,
  });

export async function insertAfterSale(afterSale: AfterSale): Promise<void> {
  await afterSales().insert(afterSale);
}

/** After-sales refunded to residents whose approval fell in [from, to): what suppliers are charged back for. */
export const refundedAfterSalesBetween = (from: Date, to: Date) =>
  afterSales().orNothing(
    () =>
      afterSales().all(cmd.and([{ status: 'refunded' }, { reviewedAt: cmd.gte(from) }, { reviewedAt: cmd.lt(to) }])),
    [],
  );

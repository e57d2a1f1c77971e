import type { Order, OrderStatus } from '../../../typings/models';
import { REFUNDABLE_STATUSES } from '../domain/pay-records';
import { duplicateIndex, isDuplicateKey } from '../infra/db-errors';
import { cmd, collection } from './db';

const orders = () => collection('orders');

/**
 * Inserts a new order. 'exists': an order with this _id is there already (a
 * retried or doubled create: its _id comes from the request id); 'code_taken':
 * the random pickup key or order number clashed with another order's (unique
 * indexes), so draw again.
 */
export async function insertOrder(order: Order): Promise<'inserted' | 'exists' | 'code_taken'> {
  try {
    await orders().insert(order);
    return 'inserted';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const index = duplicateIndex(err);
    if (index === '_id_') return 'exists';
    if (index) return 'code_taken';
    throw err;
  }
}

export const orderById = (orderId: string) => orders().byId(orderId);

/** The order WeChat Pay knows by its out_trade_no. */
export const orderByOrderNo = (orderNo: string) => orders().findOne({ orderNo });

/** The caller's order or nothing: another resident's order is indistinguishable from a missing one. */
export const ownOrder = (orderId: string, openid: string) => orders().findOne({ _id: orderId, openid });

export function ordersOf(
  openid: string,
  status: OrderStatus | undefined,
  skip: number,
  limit: number,
): Promise<Order[]> {
  return orders().find(
    { openid, ...(status ? { status } : {}) },
    {
      orderBy: [['createdAt', 'desc']],
      skip,
      limit,
      fields: { pickupKey: false, pickupCodeCipher: false, history: false },
    },
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
  extra: Partial<Order> = {},
  note?: string,
): Promise<boolean> {
  const changed = await orders().update(
    { _id: orderId, status: from },
    { ...extra, status: to, history: cmd.push([{ status: to, at, ...(note ? { note } : {}) }]) },
  );
  return changed === 1;
}

const $ = cmd.aggregate;

/** The rows an aggregation answers. */
async function listOf<T>(pipeline: { end(): Promise<unknown> }): Promise<T[]> {
  return ((await pipeline.end()) as { list: T[] }).list;
}

/** Unpaid orders whose payment window has closed, oldest deadline first; of one batch when given. */
export function expiredUnpaidOrders(
  now: Date,
  opts: { batchId?: string; skip?: string[]; limit: number },
): Promise<Array<Pick<Order, '_id' | 'orderNo' | 'totalFen'>>> {
  return orders().find(
    {
      status: 'pending_payment',
      payDeadline: cmd.lt(now),
      ...(opts.batchId ? { batchId: opts.batchId } : {}),
      ...(opts.skip?.length ? { _id: cmd.nin(opts.skip) } : {}),
    },
    { orderBy: [['payDeadline', 'asc']], limit: opts.limit, fields: { _id: true, orderNo: true, totalFen: true } },
  );
}

export const unpaidCountOf = (batchId: string) => orders().count({ batchId, status: 'pending_payment' });

/** Units paid per item of a batch: orders holding money, net of refunds. */
export async function paidQtyPerItem(batchId: string): Promise<Map<string, number>> {
  const rows = await listOf<{ _id: string; qty: number }>(
    orders()
      .raw.aggregate()
      .match({ batchId, status: cmd.in(REFUNDABLE_STATUSES) })
      .unwind('$lines')
      .group({ _id: '$lines.batchItemId', qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])) })
      .limit(1000),
  );
  return new Map(rows.map((r) => [r._id, r.qty]));
}

/** The orders holding money for one item of a batch, a page at a time by _id. */
export function buyersOfItem(
  batchId: string,
  batchItemId: string,
  pageSize: number,
): AsyncGenerator<Array<Pick<Order, '_id' | 'orderNo' | 'lines'>>> {
  return orders().pages(
    { batchId, 'lines.batchItemId': batchItemId, status: cmd.in(REFUNDABLE_STATUSES) },
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
    { batchId, status: cmd.in(SUPPLY_STATUSES) },
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

/** What the console may see of an order: no pickup code material, no client request id. */
const CONSOLE_FIELDS = { pickupKey: false, pickupCodeCipher: false, clientRequestId: false };

export interface OrderFilter {
  batchId?: string;
  status?: OrderStatus;
  pickupPointId?: string;
  orderNo?: string;
  /** Orders of these buyers only. */
  openids?: string[];
}

/** The console's order search, newest first. */
export function ordersPage(f: OrderFilter, page: { page: number; pageSize: number }) {
  const where: Record<string, unknown> = {};
  if (f.batchId) where.batchId = f.batchId;
  if (f.status) where.status = f.status;
  if (f.pickupPointId) where.pickupPointId = f.pickupPointId;
  if (f.orderNo) where.orderNo = f.orderNo;
  if (f.openids) where.openid = cmd.in(f.openids);
  return orders().page(where, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    ...page,
    fields: CONSOLE_FIELDS,
  });
}

export const orderForConsole = (orderId: string) => orders().byId(orderId, CONSOLE_FIELDS);

// ---- figures for the console (grouped in the database; only small results come back) ----

/** Orders money came in for, whatever happened after. */
const PAID_ONCE: OrderStatus[] = ['paid', 'arrived', 'picked_up', 'refunding', 'refunded'];
/** The paid orders of a period [start, end) as an aggregation to group. */
const paidBetween = (start: Date, end: Date) =>
  orders()
    .raw.aggregate()
    .match({ paidAt: cmd.and(cmd.gte(start), cmd.lt(end)), status: cmd.in(PAID_ONCE) });

/** Per Shanghai day (YYYY-MM-DD): money in, money refunded, orders. */
export const dailyTotals = (start: Date, end: Date, maxDays: number) =>
  listOf<{ _id: string; gmvFen: number; refundedFen: number; orders: number }>(
    paidBetween(start, end)
      .group({
        _id: $.dateToString({ date: '$paidAt', format: '%Y-%m-%d', timezone: '+08:00' }),
        gmvFen: $.sum('$paidFen'),
        refundedFen: $.sum('$refundedFen'),
        orders: $.sum(1),
      })
      .limit(maxDays + 2),
  );

/** How many residents paid for an order in the period. */
export async function buyerCount(start: Date, end: Date): Promise<number> {
  const rows = await listOf<{ n: number }>(
    paidBetween(start, end)
      .group({ _id: '$openid' })
      .group({ _id: null, n: $.sum(1) })
      .limit(1),
  );
  return rows[0]?.n ?? 0;
}

/** The products that took the most money (net of refunds). */
export const topProducts = (start: Date, end: Date, top: number) =>
  listOf<{ _id: string; title: string; qty: number; amountFen: number }>(
    paidBetween(start, end)
      .unwind('$lines')
      .group({
        _id: '$lines.productId',
        title: $.first('$lines.title'),
        qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        amountFen: $.sum($.subtract(['$lines.amountFen', '$lines.refundedFen'])),
      })
      .sort({ amountFen: -1, _id: 1 })
      .limit(top),
  );

/** The leaders whose points took the most money. */
export const leaderTotals = (start: Date, end: Date, top: number) =>
  listOf<{ _id: string; orders: number; gmvFen: number }>(
    paidBetween(start, end)
      .group({ _id: '$leaderId', orders: $.sum(1), gmvFen: $.sum('$paidFen') })
      .sort({ gmvFen: -1, _id: 1 })
      .limit(top),
  );

/** Units sold (net of refunds) per batch, product and pickup point, for these batches and products; a page at a time. */
export async function* unitsSoldPages(
  batchIds: string[],
  productIds: string[],
  pageSize: number,
): AsyncGenerator<Array<{ batchId: string; productId: string; pickupPointId: string; qty: number }>> {
  for (let skip = 0; ; skip += pageSize) {
    const rows = await listOf<{ _id: { b: string; p: string; pp: string }; qty: number }>(
      orders()
        .raw.aggregate()
        .match({ batchId: cmd.in(batchIds), status: cmd.in(REFUNDABLE_STATUSES) })
        .unwind('$lines')
        .match({ 'lines.productId': cmd.in(productIds) })
        .group({
          _id: { b: '$batchId', p: '$lines.productId', pp: '$pickupPointId' },
          qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        })
        .sort({ '_id.b': 1, '_id.p': 1, '_id.pp': 1 })
        .skip(skip)
        .limit(pageSize),
    );
    if (rows.length)
      yield rows.map((r) => ({ batchId: r._id.b, productId: r._id.p, pickupPointId: r._id.pp, qty: r.qty }));
    if (rows.length < pageSize) return;
  }
}

/** Paid orders with a status change at or after `since`, by _id after `after`: what the commission scan re-reads. */
export async function ordersChangedSince(since: Date, after: string | undefined, limit: number): Promise<string[]> {
  const found = await orders().find(
    { 'history.at': cmd.gte(since), paidAt: cmd.exists(true), ...(after === undefined ? {} : { _id: cmd.gt(after) }) },
    { orderBy: [['_id', 'asc']], limit, fields: { _id: true } },
  );
  return found.map((o) => o._id);
}

/** An order as sales (GMV) count it: paid, status, and each line's amount and refunds. */
export type GmvOrder = Pick<Order, '_id' | 'leaderId' | 'paidAt' | 'status'> & {
  lines: Array<Pick<Order['lines'][number], 'amountFen' | 'refundedFen'>>;
};

/** One leader's orders paid in [from, to), only what GMV needs. */
export async function paidOrdersOfLeader(leaderId: string, from: Date, to: Date): Promise<GmvOrder[]> {
  const found = await orders().all(
    { leaderId, paidAt: cmd.gte(from).and(cmd.lt(to)) },
    { fields: { leaderId: true, paidAt: true, status: true, 'lines.amountFen': true, 'lines.refundedFen': true } },
  );
  return found.map((o) => ({ ...o, paidAt: new Date(o.paidAt!) }));
}

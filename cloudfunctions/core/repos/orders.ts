import type { Order, OrderStatus, User } from '../../../typings/models';
import { REFUNDABLE_STATUSES } from '../domain/pay-records';
import { duplicateIndex, isDuplicateKey } from '../infra/db-errors';
import { cmd, collection, regex, txGet, txUpdate, type Tx } from './db';

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

/** A 拼团's member orders (at most its size, 50), what its timer and its page read. */
export const groupMemberOrders = (groupId: string) =>
  orders().find(
    { groupId },
    { limit: 100, fields: { pickupKey: false, pickupCodeCipher: false, history: false, shipping: false } },
  );
/** The resident has paid for an order before (a 新人券 is for those who have not). */
export const hasBought = async (openid: string): Promise<boolean> =>
  (await orders().findOne({ openid, paidAt: cmd.exists(true) }, { _id: true })) !== undefined;

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

/** Units paid per item of a batch: orders holding money, net of refunds (ofItem: only orders with that item). */
export async function paidQtyPerItem(batchId: string, ofItem?: string): Promise<Map<string, number>> {
  const rows = await listOf<{ _id: string; qty: number }>(
    orders()
      .raw.aggregate()
      .match({ batchId, status: cmd.in(REFUNDABLE_STATUSES), ...(ofItem ? { 'lines.batchItemId': ofItem } : {}) })
      .unwind('$lines')
      .group({ _id: '$lines.batchItemId', qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])) })
      .limit(1000),
  );
  return new Map(rows.map((r) => [r._id, r.qty]));
}

/** What home shows of an item's sales: 成团 progress and N 位邻居已买. */
export interface ItemSales {
  /** Units paid, net of refunds, as paidQtyPerItem (and the scheduler) counts them. */
  paidQty: number;
  /** Residents holding a paid line of it not refunded in full, each once (a whole-order refund in flight is out). */
  neighbours: number;
}

/** ItemSales of each item of a batch, in one aggregation (of the batch's orders holding `ofItem` when given). */
export async function itemSalesOf(batchId: string, ofItem?: string): Promise<Map<string, ItemSales>> {
  const net = $.subtract(['$lines.qty', '$lines.refundedQty']);
  const rows = await listOf<{ _id: string } & ItemSales>(
    orders()
      .raw.aggregate()
      .match({ batchId, status: cmd.in(REFUNDABLE_STATUSES), ...(ofItem ? { 'lines.batchItemId': ofItem } : {}) })
      .unwind('$lines')
      .group({
        _id: { item: '$lines.batchItemId', openid: '$openid' },
        qty: $.sum(net),
        held: $.sum($.cond({ if: $.eq(['$status', 'refunding']), then: 0, else: net })),
      })
      .group({
        _id: '$_id.item',
        paidQty: $.sum('$qty'),
        neighbours: $.sum($.cond({ if: $.gt(['$held', 0]), then: 1, else: 0 })),
      })
      .limit(1000),
  );
  return new Map(rows.map((r) => [r._id, { paidQty: r.paidQty, neighbours: r.neighbours }]));
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

/**
 * Units and money kept (net of refunds) per Shanghai day and batch item, of the
 * orders paid in the period (optionally only these leaders' points): what the
 * margin prices at cost. One row per (day, item[, leader]); a day sells one batch of tens of items.
 */
export const netSalesPerItem = (start: Date, end: Date, opts: { byLeader?: string[] } = {}) =>
  listOf<{
    _id: { date: string; batchItemId: string; leaderId?: string };
    categoryId: string;
    qty: number;
    amountFen: number;
    couponFen: number;
  }>(
    (opts.byLeader ? paidBetween(start, end).match({ leaderId: cmd.in(opts.byLeader) }) : paidBetween(start, end))
      .unwind('$lines')
      .group({
        _id: {
          date: $.dateToString({ date: '$paidAt', format: '%Y-%m-%d', timezone: '+08:00' }),
          batchItemId: '$lines.batchItemId',
          ...(opts.byLeader ? { leaderId: '$leaderId' } : {}),
        },
        categoryId: $.first('$lines.categoryId'),
        qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        amountFen: $.sum($.subtract(['$lines.amountFen', '$lines.refundedFen'])),
        // The coupon's share left on the kept units: their price less what was paid for them (0 once refunded).
        couponFen: $.sum(
          $.cond({
            if: $.gt([$.ifNull(['$lines.discountFen', 0]), 0]),
            then: $.subtract([
              $.multiply(['$lines.priceFen', $.subtract(['$lines.qty', '$lines.refundedQty'])]),
              $.subtract(['$lines.amountFen', '$lines.refundedFen']),
            ]),
            else: 0,
          }),
        ),
      })
      .limit(20_000),
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

// ---- the leader's point ----

/** Orders a leader hands out: paid, arrived or picked up (whole-order refunds in flight or done are not). */
export const CHECKLIST_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up'];

/** A paid order at the point as the arrival's shortage plan reads it. */
export type HeldOrder = Pick<Order, '_id' | 'orderNo' | 'openid' | 'createdAt' | 'lines'>;

/** The paid orders of a batch at a point, a page at a time by _id. */
export function paidOrdersAt(batchId: string, pickupPointId: string): AsyncGenerator<HeldOrder[]> {
  return orders().pages(
    { batchId, pickupPointId, status: 'paid' },
    { fields: { orderNo: true, openid: true, createdAt: true, lines: true } },
  );
}

/** An order as a pickup notice needs it. */
export type NoticeOrderRow = Pick<
  Order,
  '_id' | 'orderNo' | 'openid' | 'batchId' | 'pickupPointId' | 'lines' | 'status'
>;
const NOTICE_FIELDS = { orderNo: true, openid: true, batchId: true, pickupPointId: true, lines: true, status: true };

/** The arrived and picked-up orders of a batch at a point, a page at a time by _id. */
export function arrivedOrdersAt(batchId: string, pickupPointId: string): AsyncGenerator<NoticeOrderRow[]> {
  return orders().pages(
    { batchId, pickupPointId, status: cmd.in(['arrived', 'picked_up']) },
    { fields: NOTICE_FIELDS },
  );
}

/** The goods have come: every paid order of the batch at the point becomes arrived (a guarded bulk update). */
export async function markArrivedAt(batchId: string, pickupPointId: string, at: Date): Promise<number> {
  return orders().update(
    { batchId, pickupPointId, status: 'paid' },
    { status: 'arrived', arrivedAt: at, history: cmd.push([{ status: 'arrived', at, note: '到货' }]) },
  );
}

/** How many orders of the batch the point hands out. */
export const checklistCountAt = (batchId: string, pickupPointId: string) =>
  orders().count({ batchId, pickupPointId, status: cmd.in(CHECKLIST_STATUSES) });

/** One resident's orders at the point, compact: lines are [batchItemId, qty, pickedQty, refundedQty]. */
export interface ChecklistGroup {
  _id: string;
  first: Date;
  open: number;
  orders: Array<{ id: string; no: string; s: OrderStatus; c: Date; l: Array<[string, number, number, number]> }>;
  u?: Array<Pick<User, 'nickname' | 'phone'>>;
}

/**
 * A page of the checklist grouped by resident in the database (one aggregation):
 * the resident whose first order is oldest first, users joined for the page's
 * residents only. Narrowed to one pickupKey, or to residents whose phone ends in
 * `phoneTail`, when given.
 */
export async function checklistGroups(q: {
  batchId: string;
  pickupPointId: string;
  pickupKey?: string;
  phoneTail?: string;
  skip: number;
  limit: number;
}): Promise<ChecklistGroup[]> {
  const match: Record<string, unknown> = {
    batchId: q.batchId,
    pickupPointId: q.pickupPointId,
    status: cmd.in(CHECKLIST_STATUSES),
    ...(q.pickupKey ? { pickupKey: q.pickupKey } : {}),
  };
  let pipeline = orders()
    .raw.aggregate()
    .match(match)
    .project({
      openid: 1,
      orderNo: 1,
      status: 1,
      createdAt: 1,
      l: $.map({
        input: '$lines',
        as: 'x',
        in: ['$$x.batchItemId', '$$x.qty', '$$x.pickedQty', '$$x.refundedQty'],
      }),
    })
    .sort({ createdAt: 1, _id: 1 })
    .group({
      _id: '$openid',
      first: $.min('$createdAt'),
      open: $.sum($.cond({ if: $.eq(['$status', 'picked_up']), then: 0, else: 1 })),
      orders: $.push({ id: '$_id', no: '$orderNo', s: '$status', c: '$createdAt', l: '$l' }),
    });
  const lookup = { from: 'users', localField: '_id', foreignField: '_id', as: 'u' };
  if (q.phoneTail) pipeline = pipeline.lookup(lookup).match({ 'u.phone': regex(`${q.phoneTail}$`) });
  pipeline = pipeline.sort({ first: 1, _id: 1 }).skip(q.skip).limit(q.limit);
  if (!q.phoneTail) pipeline = pipeline.lookup(lookup);
  return ((await pipeline.end()) as { list: ChecklistGroup[] }).list;
}

/** Units per item at the point (net of completed refunds), picked units and orders, grouped in the database. */
export async function itemTotalsAt(
  batchId: string,
  pickupPointId: string,
): Promise<Array<{ _id: string; qty: number; picked: number; orders: number }>> {
  const res = (await orders()
    .raw.aggregate()
    .match({ batchId, pickupPointId, status: cmd.in(CHECKLIST_STATUSES) })
    .unwind('$lines')
    .group({
      _id: '$lines.batchItemId',
      qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
      picked: $.sum('$lines.pickedQty'),
      orders: $.sum(1),
    })
    .limit(1000)
    .end()) as { list: Array<{ _id: string; qty: number; picked: number; orders: number }> };
  return res.list;
}

/** The order a pickup code opens at the point (pickupKey = sha256(batch|point|code)). */
export async function orderIdByPickupKey(
  pickupKey: string,
  batchId: string,
  pickupPointId: string,
): Promise<string | undefined> {
  return (await orders().findOne({ pickupKey, batchId, pickupPointId }, { _id: true }))?._id;
}

export const orderIn = <T extends Order = Order>(tx: Tx, orderId: string) => txGet<T>(tx, 'orders', orderId);

export const updateOrderIn = (tx: Tx, orderId: string, data: Record<string, unknown>) =>
  txUpdate(tx, 'orders', orderId, data);

/** The outcome of the shipping-info upload, kept on the order. */
export async function setShipping(orderId: string, shipping: unknown): Promise<void> {
  await orders().update({ _id: orderId }, { shipping });
}

// ---- no-show ----

/** What a no-show run reads of an arrived order. */
export type NoShowRow = Pick<Order, '_id' | 'orderNo' | 'openid' | 'batchId' | 'pickupPointId' | 'lines'>;

/** Arrived orders of a batch (those without a no-show mark only, when `unmarked`), a page at a time. */
export function arrivedOrdersOf(batchId: string, unmarked: boolean): AsyncGenerator<NoShowRow[]> {
  return orders().pages(
    { batchId, status: 'arrived', ...(unmarked ? { noShow: cmd.exists(false) } : {}) },
    { fields: { orderNo: true, openid: true, batchId: true, pickupPointId: true, lines: true } },
  );
}

/**
 * Claims a paid order for the resident's cancel before cut-off: true for the one
 * call that marks it (that call gives the stock back), false when it moved or was claimed.
 */
export async function claimPaidCancel(orderId: string, openid: string, at: Date, reason: string): Promise<boolean> {
  const where = { _id: orderId, openid, status: 'paid', cancelClaimedAt: cmd.exists(false) };
  return (await orders().update(where, { cancelClaimedAt: at, cancelReason: reason })) === 1;
}

/** Drops a cancel claim whose refund was refused: the order stays paid as it was. */
export async function unclaimPaidCancel(orderId: string): Promise<void> {
  await orders().update(
    { _id: orderId, status: 'paid', cancelClaimedAt: cmd.exists(true) },
    { cancelClaimedAt: cmd.remove(), cancelReason: cmd.remove() },
  );
}

/** Claims an arrived order for the no-show refund (noShow.done false): false when it was marked already. */
export async function claimNoShowRefund(orderId: string, at: Date): Promise<boolean> {
  return (
    (await orders().update(
      { _id: orderId, status: 'arrived', noShow: cmd.exists(false) },
      { noShow: { action: 'refund', at, qty: 0, done: false } },
    )) > 0
  );
}

export async function setNoShow(
  orderId: string,
  noShow: Record<string, unknown>,
  shipping?: Order['shipping'],
): Promise<void> {
  await orders().update({ _id: orderId }, { noShow, ...(shipping ? { shipping } : {}) });
}

/** No-show refund claims of a batch made before `before` and never finished, a page of ids at a time. */
export function staleNoShowClaims(
  batchId: string,
  before: Date,
): AsyncGenerator<Array<Pick<Order, '_id' | 'pickupPointId'>>> {
  return orders().pages(
    { batchId, 'noShow.done': false, 'noShow.at': cmd.lt(before) },
    { fields: { _id: true, pickupPointId: true } },
  );
}

// ---- leaders' performance ----

/** Orders that were paid (whatever became of them since). */
const MONEY_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up', 'refunding', 'refunded'];

export interface LeaderSales {
  _id: string;
  orders: number;
  pickedUp: number;
  paidFen: number;
  refundedFen: number;
}

/** Per leader: orders paid, picked up, paid and refunded fen (of one batch when given), one aggregation. */
export async function salesOfLeaders(leaderIds: string[], batchId?: string): Promise<LeaderSales[]> {
  const res = (await orders()
    .raw.aggregate()
    .match({ leaderId: cmd.in(leaderIds), status: cmd.in(MONEY_STATUSES), ...(batchId ? { batchId } : {}) })
    .group({
      _id: '$leaderId',
      orders: $.sum(1),
      pickedUp: $.sum($.cond({ if: $.eq(['$status', 'picked_up']), then: 1, else: 0 })),
      paidFen: $.sum('$paidFen'),
      refundedFen: $.sum('$refundedFen'),
    })
    .limit(1000)
    .end()) as { list: LeaderSales[] };
  return res.list;
}

/** An order as the recommendation model reads it: who, where, which products (refunded lines too). */
export type PurchaseOrderRow = Pick<Order, '_id' | 'openid' | 'pickupPointId'> & {
  lines: Array<Pick<Order['lines'][number], 'productId' | 'qty' | 'refundedQty'>>;
};
const PURCHASE_FIELDS = {
  openid: true,
  pickupPointId: true,
  'lines.productId': true,
  'lines.qty': true,
  'lines.refundedQty': true,
};

/** Orders paid since `from` that still hold goods (paid, arrived, picked up), a page at a time. */
export const purchasedSincePages = (from: Date, pageSize: number): AsyncGenerator<PurchaseOrderRow[]> =>
  orders().pages({ paidAt: cmd.gte(from), status: cmd.in(SUPPLY_STATUSES) }, { pageSize, fields: PURCHASE_FIELDS });

/** One resident's latest paid orders, newest first, as the recommendation reads them. */
export const purchasesOf = (openid: string, limit: number): Promise<PurchaseOrderRow[]> =>
  orders().find(
    { openid, status: cmd.in(SUPPLY_STATUSES) },
    { orderBy: [['createdAt', 'desc']], limit, fields: PURCHASE_FIELDS },
  );

const shanghaiDay = (field: string) => $.dateToString({ date: field, format: '%Y-%m-%d', timezone: '+08:00' });

/** Per Shanghai day of payment: residents who paid an order that went ahead, and those who picked one up. */
export const orderingResidentsPerDay = (start: Date, end: Date, batchId: string | undefined) =>
  listOf<{ _id: string; ordered: number; pickedUp: number }>(
    orders()
      .raw.aggregate()
      .match({
        paidAt: cmd.and(cmd.gte(start), cmd.lt(end)),
        status: cmd.in(SUPPLY_STATUSES),
        ...(batchId ? { batchId } : {}),
      })
      .group({
        _id: { day: shanghaiDay('$paidAt'), openid: '$openid' },
        picked: $.max($.cond([$.eq(['$status', 'picked_up']), 1, 0])),
      })
      .group({ _id: '$_id.day', ordered: $.sum(1), pickedUp: $.sum('$picked') })
      .limit(400),
  );

/** Per resident who paid in the period: the Shanghai days they paid an order that went ahead. */
export const orderDaysPerResident = (start: Date, end: Date, limit: number) =>
  listOf<{ _id: string; days: string[] }>(
    orders()
      .raw.aggregate()
      .match({ paidAt: cmd.and(cmd.gte(start), cmd.lt(end)), status: cmd.in(SUPPLY_STATUSES) })
      .group({ _id: '$openid', days: $.addToSet(shanghaiDay('$paidAt')) })
      .limit(limit),
  );

/** Per pickup point: residents who paid an order there in the period. */
export const orderingResidentsPerPoint = (start: Date, end: Date) =>
  listOf<{ _id: string; residents: number }>(
    orders()
      .raw.aggregate()
      .match({ paidAt: cmd.and(cmd.gte(start), cmd.lt(end)), status: cmd.in(SUPPLY_STATUSES) })
      .group({ _id: { point: '$pickupPointId', openid: '$openid' } })
      .group({ _id: '$_id.point', residents: $.sum(1) })
      .limit(10_000),
  );

// ---- shipping info (发货信息录入) ----

/** An upload claimed this long ago that never finished (the caller died) may be claimed again. */
export const STALE_SHIPPING_MS = 10 * 60_000;

/**
 * Claims an ended order's shipping upload for one caller: pending or failed →
 * uploading (guarded), or an uploading claim gone stale. false: someone else
 * holds it or it is uploaded already, so nothing is uploaded twice.
 */
export async function claimShipping(orderId: string, at: Date): Promise<boolean> {
  const open = { _id: orderId, 'shipping.status': cmd.in(['pending', 'failed']) };
  const stale = {
    _id: orderId,
    'shipping.status': 'uploading',
    'shipping.at': cmd.lt(new Date(at.getTime() - STALE_SHIPPING_MS)),
  };
  const claim = { 'shipping.status': 'uploading', 'shipping.at': at, 'shipping.attempts': cmd.inc(1) };
  return (await orders().update(open, claim)) === 1 || (await orders().update(stale, claim)) === 1;
}

/** Ends the claim: uploaded, or failed with WeChat's errcode (the timer retries it). */
export async function finishShipping(orderId: string, status: 'uploaded' | 'failed', at: Date, errCode?: number) {
  await orders().update(
    { _id: orderId, 'shipping.status': 'uploading' },
    { 'shipping.status': status, 'shipping.at': at, 'shipping.errCode': errCode ?? cmd.remove() },
  );
}

/** Orders whose upload is waiting or failed, or claimed by a caller that died: what the timer retries. */
export function shippingToRetry(at: Date, limit: number) {
  return orders().find(
    { 'shipping.status': cmd.in(['pending', 'failed', 'uploading']), 'shipping.at': cmd.lt(at) },
    {
      limit,
      orderBy: [['shipping.at', 'asc']],
      fields: { orderNo: true, openid: true, transactionId: true, shipping: true },
    },
  );
}

/** The orders whose holds these are (Order.reservationId), with their status. */
export async function ordersByReservation(
  reservationIds: readonly string[],
): Promise<Map<string, Pick<Order, '_id' | 'reservationId' | 'status'>>> {
  const out = new Map<string, Pick<Order, '_id' | 'reservationId' | 'status'>>();
  const ids = [...new Set(reservationIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const found = await orders().find(
      { reservationId: cmd.in(ids.slice(i, i + 500)) },
      { limit: 1000, fields: { _id: true, reservationId: true, status: true } },
    );
    for (const o of found) out.set(o.reservationId!, o);
  }
  return out;
}

/** A supplier's units sold (net of refunds) per batch and item, in these batches: grouped in the database. */
export const supplierUnitsSold = (batchIds: string[], supplierId: string) =>
  listOf<{
    _id: { batchId: string; batchItemId: string };
    productId: string;
    title: string;
    unit: string;
    qty: number;
  }>(
    orders()
      .raw.aggregate()
      .match({ batchId: cmd.in(batchIds), status: cmd.in(PAID_ONCE) })
      .unwind('$lines')
      .match({ 'lines.supplierId': supplierId })
      .group({
        _id: { batchId: '$batchId', batchItemId: '$lines.batchItemId' },
        productId: $.first('$lines.productId'),
        title: $.first('$lines.title'),
        unit: $.first('$lines.unit'),
        qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
      })
      .limit(20_000),
  );

/**
 * Cash a resident paid and kept on orders made since `since` (paid − refunded;
 * unpaid and cancelled ones count 0): what the membership level is measured on.
 */
export async function spentSince(openid: string, since: Date): Promise<number> {
  const rows = await orders().orNothing(
    () =>
      listOf<{ fen: number }>(
        orders()
          .raw.aggregate()
          .match({ openid, createdAt: cmd.gte(since), paidAt: cmd.exists(true) })
          .group({ _id: null, fen: $.sum($.subtract(['$paidFen', '$refundedFen'])) }),
      ),
    [],
  );
  return rows[0]?.fen ?? 0;
}

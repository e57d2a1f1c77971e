import type { OrderView } from '../../../../typings/api';
import type { BatchItem, Order, OrderCoupon, OrderLine, OrderPoints, PickupPoint } from '../../../../typings/models';
import { AppError, fail } from '../../domain/errors';
import { newOrderNo, newReservationId, orderIdFor } from '../../domain/ids';
import { whyNotTaken } from '../../domain/limits';
import { encryptPickupCode, newPickupCode, pickupKey } from '../../domain/pickup-code';
import { pickupCodeSecret } from '../../infra/secrets';
import { mergeLines, priceOrder, type RequestedLine } from '../../domain/pricing';
import { PAY_WINDOW_MINUTES, addMinutes, isBatchOpen } from '../../domain/time';
import { enterGroup, type GroupDealAsk, type GroupEntry } from '../group/enter';
import type { PointsOnOrder } from '../points/ledger';
import { couponsForOrder, giveCouponBack, takeCoupons } from './coupon';
import { orderDeps, type OrderDeps } from './deps';
import { releaseLines } from './release-stock';
import { orderView } from './views';

export interface CreateOrderInput {
  clientRequestId: string;
  batchId: string;
  pickupPointId?: string;
  lines: RequestedLine[];
  /** 拼团: open a group or join one (the line is priced at the group price: group/enter.ts). */
  groupDeal?: GroupDealAsk;
  /** The caller's claimed coupon copy (couponClaims _id). */
  couponId?: string;
  /** 积分抵扣: as many points as the rules allow, after the coupon. */
  usePoints?: boolean;
  /** The caller's claimed copies: one, or a platform coupon + a 团长券 when the admin allows stacking. */
  couponIds?: string[];
}

/** Errors after which a retried request may still have an order from its first attempt. */
const RETRY_MAY_EXIST = new Set(['BATCH_CLOSED', 'OUT_OF_STOCK', 'LIMIT_EXCEEDED']);

/**
 * 下单. Happy path with the point given and the point cache warm: read the
 * items, take every line (stock, the resident's limit counter and the hold in
 * one guarded update per line, lines in parallel), insert the order: three
 * round trips for any order, three requests for a one-line order whether the
 * item is limited or not. The holds are given back if a later step fails; the
 * order _id (from openid + clientRequestId) makes a retry or a doubled request
 * end at the same order, and its reservationId names its holds on the items.
 */
export async function createOrder(
  openid: string,
  input: CreateOrderInput,
  now: Date,
  deps: OrderDeps = orderDeps,
): Promise<OrderView> {
  pickupCodeSecret(); // a missing key refuses the order (MISCONFIGURED) before anything is reserved
  const orderId = orderIdFor(openid, input.clientRequestId);
  try {
    return await createOnce(deps, openid, orderId, input, now);
  } catch (err) {
    if (err instanceof AppError && RETRY_MAY_EXIST.has(err.code)) {
      const existing = await deps.orders.ownOrder(orderId, openid);
      if (existing) return orderView(existing);
    }
    throw err;
  }
}

async function createOnce(
  deps: OrderDeps,
  openid: string,
  orderId: string,
  input: CreateOrderInput,
  now: Date,
): Promise<OrderView> {
  const requested = mergeLines(input.lines);
  const [items, point] = await Promise.all([
    deps.batchItems.itemsByIds(requested.map((l) => l.batchItemId)),
    orderPickupPoint(deps, openid, input.pickupPointId, now),
  ]);
  const listed = priceOrder(input.batchId, requested, items);
  if (!items.every((i) => isBatchOpen({ status: i.batchStatus, opensAt: i.opensAt, cutoffAt: i.cutoffAt }, now))) {
    throw fail.batchClosed();
  }
  const claimIds = claimIdsOf(input);
  // A 拼团 price is already the deal: no coupon on top of it.
  if (input.groupDeal && claimIds.length) throw fail.invalid('拼团订单不能使用优惠券');
  const withCoupon = claimIds.length
    ? await couponsForOrder(deps, openid, { _id: orderId, pickupPointId: point._id }, claimIds, listed.lines, now)
    : undefined;
  const byId = new Map(items.map((i) => [i._id, i]));
  const group = input.groupDeal && (await enterGroup(openid, orderId, input.groupDeal, listed, byId, now));
  let priced: PricedOrder = withCoupon
    ? {
        lines: withCoupon.lines,
        totalFen: listed.totalFen - withCoupon.discountFen,
        coupon: withCoupon.coupon,
        leaderCoupon: withCoupon.leaderCoupon,
      }
    : group
      ? group.priced
      : listed;
  const reservationId = newReservationId();
  await reserveAll(deps, openid, reservationId, priced.lines, byId, now).catch(async (err) => {
    await group?.leave();
    throw err;
  });
  if (withCoupon) {
    try {
      await takeCoupons(deps, withCoupon, orderId, now);
    } catch (err) {
      await releaseLines(openid, reservationId, priced.lines, deps);
      throw err;
    }
  }
  if (input.usePoints) {
    try {
      priced = withPoints(priced, await deps.points.spendForOrder(openid, orderId, priced.lines, now));
    } catch (err) {
      await releaseLines(openid, reservationId, priced.lines, deps);
      await giveCouponBack(deps, { _id: orderId, ...priced });
      await group?.leave();
      throw err;
    }
  }
  let order: Order | undefined;
  try {
    order = await insertNewOrder(deps, openid, orderId, reservationId, input, point, priced, now, group);
  } catch (err) {
    // The insert may have landed even though we saw an error; only release if it did not.
    const landed = await deps.orders.ownOrder(orderId, openid);
    if (landed?.reservationId === reservationId) return orderView(landed);
    await releaseLines(openid, reservationId, priced.lines, deps);
    if (landed) return orderView(await keepCouponOf(deps, landed, priced, now));
    await giveCouponBack(deps, { _id: orderId, ...priced });
    if (priced.points) await deps.points.returnSpentPoints(openid, orderId, now);
    throw err;
  }
  if (order) return orderView(order);
  // A retry or a doubled request: the first one's order stands; ours gives its holds back.
  await releaseLines(openid, reservationId, priced.lines, deps);
  const existing = await deps.orders.ownOrder(orderId, openid);
  if (!existing) throw new Error(`order ${orderId} exists for another resident`);
  return orderView(await keepCouponOf(deps, existing, priced, now));
}

interface PricedOrder {
  lines: OrderLine[];
  totalFen: number;
  coupon?: OrderCoupon;
  points?: OrderPoints;
  leaderCoupon?: OrderCoupon;
}

function withPoints(priced: PricedOrder, points: PointsOnOrder | undefined): PricedOrder {
  if (!points) return priced;
  return {
    ...priced,
    lines: points.lines,
    totalFen: priced.totalFen - points.fen,
    points: { used: points.used, fen: points.fen },
  };
}

/** couponIds, or the older single couponId (both at once is a mistake). */
function claimIdsOf(input: CreateOrderInput): string[] {
  if (input.couponId !== undefined && input.couponIds) throw fail.invalid('优惠券请只用 couponIds 传');
  return input.couponIds ?? (input.couponId !== undefined ? [input.couponId] : []);
}

/**
 * The order of a first attempt stands: a copy this attempt put on the order's
 * _id but that order does not carry (a retry that named another coupon) goes
 * back, and so do points the first attempt did not take.
 */
async function keepCouponOf(deps: OrderDeps, existing: Order, priced: PricedOrder, now: Date): Promise<Order> {
  const kept = new Set([existing.coupon?.claimId, existing.leaderCoupon?.claimId]);
  const notKept = (c?: OrderCoupon) => (c && !kept.has(c.claimId) ? c : undefined);
  await giveCouponBack(deps, {
    _id: existing._id,
    coupon: notKept(priced.coupon),
    leaderCoupon: notKept(priced.leaderCoupon),
  });
  if (priced.points && !existing.points) await deps.points.returnSpentPoints(existing.openid, existing._id, now);
  return existing;
}

/** The order's point: the one asked for, else the resident's own; it must be active. */
async function orderPickupPoint(
  deps: OrderDeps,
  openid: string,
  pickupPointId: string | undefined,
  now: Date,
): Promise<PickupPoint> {
  const id = pickupPointId ?? (await deps.users.userById(openid))?.pickupPointId;
  if (!id) throw fail.invalid('请先选择自提点');
  const point = await deps.pickupPoints.activePickupPoint(id, now);
  if (!point) throw fail.notFound('自提点');
  return point;
}

/**
 * Takes every line, in parallel. All or nothing: on any refusal what was taken
 * is given back before the error surfaces.
 */
async function reserveAll(
  deps: OrderDeps,
  openid: string,
  reservationId: string,
  lines: OrderLine[],
  items: Map<string, BatchItem>,
  now: Date,
): Promise<void> {
  const results = await Promise.allSettled(
    lines.map((line) => reserveLine(deps, openid, reservationId, line, items.get(line.batchItemId)!, now)),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await releaseLines(
      openid,
      reservationId,
      lines.filter((_l, i) => results[i].status === 'fulfilled'),
      deps,
    );
    throw failure.reason;
  }
}

async function reserveLine(
  deps: OrderDeps,
  openid: string,
  reservationId: string,
  line: OrderLine,
  item: BatchItem,
  now: Date,
): Promise<void> {
  const take = { itemId: item._id, qty: line.qty, reservationId, openid, limitPerUser: item.limitPerUser };
  if (await deps.batchItems.takeStock(take, now)) return;
  // Refused: read why (only refusals pay this round trip).
  const state = await deps.batchItems.stockState(item._id, openid);
  const why = state ? whyNotTaken(state, line.qty, now) : 'closed';
  if (why === 'closed') throw fail.batchClosed();
  if (why === 'limit') throw fail.limitExceeded(item.title, { batchItemId: item._id, limitPerUser: item.limitPerUser });
  throw fail.outOfStock(item.title, { batchItemId: item._id, stock: state?.stock ?? 0 });
}

/**
 * Inserts the order; a clash on the pickup key or order number (random) draws
 * again. Undefined when an order with this _id exists already.
 */
async function insertNewOrder(
  deps: OrderDeps,
  openid: string,
  orderId: string,
  reservationId: string,
  input: CreateOrderInput,
  point: PickupPoint,
  priced: PricedOrder,
  now: Date,
  group?: GroupEntry,
): Promise<Order | undefined> {
  for (let attempt = 0; ; attempt++) {
    const code = newPickupCode();
    const order: Order = {
      _id: orderId,
      orderNo: newOrderNo(now),
      openid,
      clientRequestId: input.clientRequestId,
      batchId: input.batchId,
      pickupPointId: point._id,
      leaderId: point.leaderId,
      lines: priced.lines,
      totalFen: priced.totalFen,
      ...(priced.coupon ? { coupon: priced.coupon } : {}),
      ...(priced.points ? { points: priced.points } : {}),
      ...(priced.leaderCoupon ? { leaderCoupon: priced.leaderCoupon } : {}),
      paidFen: 0,
      refundedFen: 0,
      status: 'pending_payment',
      history: [{ status: 'pending_payment', at: now }],
      reservationId,
      pickupKey: pickupKey(input.batchId, point._id, code),
      pickupCodeCipher: encryptPickupCode(code, pickupCodeSecret()),
      payDeadline: addMinutes(now, PAY_WINDOW_MINUTES),
      createdAt: now,
      ...group?.fields,
    };
    const outcome = await deps.orders.insertOrder(order);
    if (outcome === 'inserted') return order;
    if (outcome === 'exists') return undefined;
    if (attempt >= 3) throw new Error(`order ${orderId}: pickup code or order number clashed ${attempt + 1} times`);
  }
}

import type { BatchItemView, BatchView, MinimumView, OrderView, PickupPointView } from '../../../../typings/api';
import type { Batch, BatchItem, Order, PickupPoint } from '../../../../typings/models';
import { remainingLimit } from '../../domain/limits';
import { PAID_STATUSES } from '../../domain/order-status';
import { decryptPickupCode } from '../../domain/pickup-code';
import { pickupCodeSecret } from '../../infra/secrets';
import { batchPhase } from '../../domain/time';
import type { ItemSales } from '../../repos/orders';

/** Documents → what the mini-program sees: ISO times, no internal fields, nothing secret. */
const iso = (d: Date | string) => new Date(d).toISOString();

export function batchView(b: Batch, now: Date): BatchView {
  const phase = batchPhase(b, now);
  return {
    _id: b._id,
    title: b.title,
    phase: phase === 'draft' ? 'upcoming' : phase,
    opensAt: iso(b.opensAt),
    cutoffAt: iso(b.cutoffAt),
    pickupDate: b.pickupDate,
  };
}

/** 成团 as the scheduler sees it: the paid units so far, then its decision and the quantity it read. */
function minimumView(i: BatchItem, paidNow: number): MinimumView {
  if (i.notRunning === undefined) return { paidQty: paidNow };
  return {
    paidQty: i.paidQtyAtCutoff ?? 0,
    outcome: i.notRunning ? 'not_running' : 'ran',
    ...(i.notRunning && i.minimumRefundedAt ? { refunded: true } : {}),
  };
}

const NO_SALES: ItemSales = { paidQty: 0, neighbours: 0 };

/** `sales`: the item's paid units and buyers in its batch (orders.itemSalesOf). */
export function batchItemView(i: BatchItem, bought: number, sales: ItemSales = NO_SALES): BatchItemView {
  return {
    _id: i._id,
    batchId: i.batchId,
    productId: i.productId,
    title: i.title,
    ...(i.image ? { image: i.image } : {}),
    unit: i.unit,
    categoryId: i.categoryId,
    priceFen: i.priceFen,
    originalPriceFen: i.originalPriceFen,
    stock: i.stock,
    sold: i.sold,
    limitPerUser: i.limitPerUser,
    remainingLimit: remainingLimit(i.limitPerUser, bought),
    minQuantity: i.minQuantity,
    ...(i.minQuantity > 0 ? { minimum: minimumView(i, sales.paidQty) } : {}),
    soldOut: i.stock <= 0,
    ...(i.groupDeal ? { groupDeal: i.groupDeal } : {}),
    neighbours: sales.neighbours,
  };
}

/** The SDK hands GeoJSON back as its Geo.Point class (longitude/latitude), the seed as plain GeoJSON. */
function lngLat(loc: PickupPoint['location'] | { longitude: number; latitude: number }): [number, number] {
  return 'coordinates' in loc ? loc.coordinates : [loc.longitude, loc.latitude];
}

export function pickupPointView(p: PickupPoint): PickupPointView {
  return {
    _id: p._id,
    name: p.name,
    address: p.address,
    location: lngLat(p.location),
    hours: p.hours,
    leaderId: p.leaderId,
  };
}

/**
 * The order as its owner sees it. The pickup code is decrypted only when
 * `withCode` and the order is paid: before payment there is nothing to pick up.
 */
export function orderView(o: Order, opts: { withCode?: boolean; withHistory?: boolean } = {}): OrderView {
  const view: OrderView = {
    _id: o._id,
    orderNo: o.orderNo,
    batchId: o.batchId,
    pickupPointId: o.pickupPointId,
    leaderId: o.leaderId,
    status: o.status,
    lines: o.lines.map((l) => ({
      batchItemId: l.batchItemId,
      title: l.title,
      ...(l.image ? { image: l.image } : {}),
      unit: l.unit,
      priceFen: l.priceFen,
      qty: l.qty,
      amountFen: l.amountFen,
      ...(l.discountFen ? { discountFen: l.discountFen } : {}),
      refundedQty: l.refundedQty,
      refundedFen: l.refundedFen,
      pickedQty: l.pickedQty,
    })),
    totalFen: o.totalFen,
    ...(o.coupon
      ? { coupon: { claimId: o.coupon.claimId, title: o.coupon.title, discountFen: o.coupon.discountFen } }
      : {}),
    ...(o.points ? { points: { used: o.points.used, fen: o.points.fen } } : {}),
    ...(o.leaderCoupon
      ? {
          leaderCoupon: {
            claimId: o.leaderCoupon.claimId,
            title: o.leaderCoupon.title,
            discountFen: o.leaderCoupon.discountFen,
          },
        }
      : {}),
    paidFen: o.paidFen,
    refundedFen: o.refundedFen,
    createdAt: iso(o.createdAt),
    payDeadline: iso(o.payDeadline),
    ...(o.paidAt ? { paidAt: iso(o.paidAt) } : {}),
    ...(o.cancelledAt ? { cancelledAt: iso(o.cancelledAt) } : {}),
    ...(o.groupId ? { groupId: o.groupId } : {}),
  };
  if (opts.withHistory && o.history) {
    view.history = o.history.map((h) => ({ status: h.status, at: iso(h.at), ...(h.note ? { note: h.note } : {}) }));
  }
  if (opts.withCode && o.pickupCodeCipher && PAID_STATUSES.includes(o.status)) {
    view.pickupCode = decryptPickupCode(o.pickupCodeCipher, pickupCodeSecret());
  }
  return view;
}

import type { BatchItem, Order, StockHold } from '../../../typings/models';

/** What the reconciliation reads of an order named by a hold. */
export type HoldingOrder = Pick<Order, '_id' | 'reservationId' | 'status'>;

/** A hold nothing will give back: its order was cancelled (the release failed) or never came to be. */
export interface StaleHold {
  itemId: string;
  reservationId: string;
  qty: number;
  openid: string;
  limited: boolean;
  why: 'order_cancelled' | 'no_order';
}

/** One item's units as the reconciliation proves them: stock + reserved + sold = initial. */
export interface ItemLedger {
  itemId: string;
  initial: number | null;
  stock: number;
  /** Held by unpaid orders (and by creates still in flight). */
  reserved: number;
  /** Held by paid orders (paid, arrived, picked up, refunding, refunded). */
  sold: number;
  /** stock + reserved + sold = initial, sold field = reserved + sold, each counter = its holds. */
  balanced: boolean;
}

/**
 * A create takes stock before it inserts its order: a hold younger than this
 * with no order yet may be one in flight (the order function's timeout is 20 s).
 */
export const HOLD_GRACE_MS = 10 * 60_000;

/**
 * Audits one item against the orders named by its holds: which holds are stale
 * (to give back), and the item's ledger once they are given back. The item is one
 * document read at one instant and every write moves its stock, sold, counters
 * and holds together, so its sums are exact even while residents keep ordering.
 */
export function auditItem(
  item: BatchItem,
  orders: ReadonlyMap<string, HoldingOrder>,
  now: Date,
): { stale: StaleHold[]; ledger: ItemLedger } {
  const stale: StaleHold[] = [];
  let reserved = 0;
  let sold = 0;
  const counters = new Map<string, number>();
  for (const [reservationId, hold] of Object.entries(item.held ?? {}) as Array<[string, StockHold]>) {
    const order = orders.get(reservationId);
    const why = staleBecause(order, hold, now);
    if (why) {
      stale.push({ itemId: item._id, reservationId, qty: hold.qty, openid: hold.openid, limited: hold.limited, why });
      continue;
    }
    if (!order || order.status === 'pending_payment') reserved += hold.qty;
    else sold += hold.qty;
    if (hold.limited) counters.set(hold.openid, (counters.get(hold.openid) ?? 0) + hold.qty);
  }
  const given = stale.reduce((n, s) => n + s.qty, 0);
  const stock = item.stock + given;
  const initial = item.initialStock ?? null;
  const countersHold =
    [...counters].every(([openid, qty]) => heldAfter(item, stale, openid) === qty) &&
    Object.keys(item.heldBy ?? {}).every((openid) => heldAfter(item, stale, openid) === (counters.get(openid) ?? 0));
  const balanced =
    (initial === null || stock + reserved + sold === initial) && item.sold - given === reserved + sold && countersHold;
  return { stale, ledger: { itemId: item._id, initial, stock, reserved, sold, balanced } };
}

function staleBecause(order: HoldingOrder | undefined, hold: StockHold, now: Date): StaleHold['why'] | undefined {
  if (order) return order.status === 'cancelled' ? 'order_cancelled' : undefined;
  return now.getTime() - new Date(hold.at).getTime() > HOLD_GRACE_MS ? 'no_order' : undefined;
}

/** The resident's counter on the item once the stale holds are given back. */
function heldAfter(item: BatchItem, stale: StaleHold[], openid: string): number {
  const given = stale.filter((s) => s.limited && s.openid === openid).reduce((n, s) => n + s.qty, 0);
  return (item.heldBy?.[openid] ?? 0) - given;
}

/** One run of the stock reconciliation: what it checked, gave back, and could not prove. */
export interface StockReconcileReport {
  at: Date;
  items: number;
  holds: number;
  /** Stale holds given back by this run. */
  released: StaleHold[];
  /** Units given back in all. */
  releasedQty: number;
  /** Items whose ledger does not balance (not repaired: a person looks). */
  unbalanced: ItemLedger[];
  /** The run stopped for the time budget; the next one starts over. */
  cutShort: boolean;
}

import type { Order, OrderLine } from '../../../../typings/models';
import { releaseSeat } from '../../repos/group-deals';
import { giveCouponBack } from './coupon';
import { orderDeps, type OrderDeps } from './deps';

/**
 * Gives back the holds an order's lines have on their items (cancel, failed
 * create). Each give-back is guarded on its hold, so a second release, or the
 * reconciliation timer after this one, changes nothing. A failed give-back
 * leaves stock unsold, never oversold: it is logged, the rest continues, and
 * the scheduler's reconciliation gives it back later.
 */
export async function releaseLines(
  openid: string,
  reservationId: string,
  lines: Pick<OrderLine, 'batchItemId' | 'qty' | 'countedInLimit'>[],
  deps: Pick<OrderDeps, 'batchItems'> = orderDeps,
): Promise<void> {
  await Promise.all(
    lines.map(async (line) => {
      const give = { itemId: line.batchItemId, reservationId, qty: line.qty, openid, limited: line.countedInLimit };
      try {
        if (!(await deps.batchItems.returnStock(give))) console.error('[release] no such hold', give);
      } catch (err) {
        console.error('[release] failed, left for reconciliation', give, err);
      }
    }),
  );
}

/**
 * Gives back a cancelled order's holds (an order from before holds were kept has none to give),
 * its seat in a 拼团 (so another resident may join) and its coupon.
 */
export async function releaseOrder(
  order: Pick<Order, '_id' | 'openid' | 'reservationId' | 'lines' | 'groupId' | 'coupon'>,
  deps: Pick<OrderDeps, 'batchItems' | 'coupons'> = orderDeps,
): Promise<void> {
  if (order.groupId) await releaseSeat(order.groupId, order.openid, order._id);
  await giveCouponBack(deps, order);
  if (!order.reservationId) {
    console.error('[release] order without reservationId, nothing to give back', order._id);
    return;
  }
  await releaseLines(order.openid, order.reservationId, order.lines, deps);
}

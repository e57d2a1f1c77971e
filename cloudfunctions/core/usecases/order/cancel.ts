import type { Order, OrderStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { assertTransition } from '../../domain/order-status';
import { orderDeps, type OrderDeps } from './deps';
import { releaseOrder } from './release-stock';

export interface CancelOptions {
  /** The status the order must still be in (default pending_payment). */
  expectedStatus?: OrderStatus;
  /** When set, only this resident's order may be cancelled (others look missing). */
  openid?: string;
  now?: Date;
  /** The order document if the caller already has it (saves a read). */
  order?: Order;
}

export interface CancelOutcome {
  /** True only for the one call that actually cancelled (and released) the order. */
  cancelled: boolean;
  order: Order;
}

/**
 * Cancels an unpaid order and gives its stock and limit counters back, exactly
 * once: the guarded status change decides who cancels; only that caller
 * releases. The resident's cancel and the scheduler's 15-minute auto-cancel
 * both come here. A cancel of an already cancelled order answers cancelled:
 * false and changes nothing.
 */
export async function cancelOrder(
  orderId: string,
  reason: string,
  opts: CancelOptions = {},
  deps: OrderDeps = orderDeps,
): Promise<CancelOutcome> {
  const from = opts.expectedStatus ?? 'pending_payment';
  assertTransition(from, 'cancelled');
  const now = opts.now ?? new Date();
  // Lines never change while unpaid, so a document read before the change is good for releasing.
  let known = opts.order;
  if (opts.openid) {
    // Ownership first, so another resident's order is "not found" and never touched.
    known = known ?? (await deps.orders.orderById(orderId));
    if (!known || known.openid !== opts.openid) throw fail.notFound('订单');
  }
  const won = await deps.orders.transitionOrder(
    orderId,
    from,
    'cancelled',
    now,
    { cancelledAt: now, cancelReason: reason },
    reason,
  );
  if (won) {
    const order = known ?? (await deps.orders.orderById(orderId));
    if (!order) throw fail.notFound('订单');
    await releaseOrder(order, deps);
    if (order.points) await deps.points.returnSpentPoints(order.openid, order._id, now);
    return { cancelled: true, order: { ...order, status: 'cancelled', cancelledAt: now, cancelReason: reason } };
  }
  const current = await deps.orders.orderById(orderId);
  if (!current) throw fail.notFound('订单');
  if (current.status === 'cancelled') return { cancelled: false, order: current };
  throw fail.state('订单已支付或已处理，不能取消');
}

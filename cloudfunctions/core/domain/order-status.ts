import type { OrderStatus } from '../../../typings/models';
import { fail } from './errors';

/**
 * The order's life. Partial refunds (shortage, after-sales) do not move the
 * status; 'refunding' is a whole-order refund in flight. cancelled and
 * refunded are final.
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['arrived', 'refunding'],
  arrived: ['picked_up', 'refunding'],
  picked_up: ['refunding'],
  refunding: ['refunded'],
  cancelled: [],
  refunded: [],
};

export const ORDER_STATUSES = Object.keys(TRANSITIONS) as OrderStatus[];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw fail.state(`订单状态不允许此操作 (${from} → ${to})`);
}

/** Statuses an order may be in for `to` to be reached: the guard of a conditional status update. */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => canTransition(from, to));
}

/** The resident has paid and the goods are theirs: the pickup code is shown, after-sales are possible. */
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'arrived', 'picked_up'];

/** After-sale is about goods received: a paid order whose goods have not arrived yet cannot ask for it (cancel it instead). */
export const AFTER_SALE_STATUSES: readonly OrderStatus[] = ['arrived', 'picked_up'];

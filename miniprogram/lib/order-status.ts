import type { OrderStatus } from '../../typings/models';
import { ORDER_STATUS_LABEL } from './status-labels';
import { formatTime } from './time';

/** The status (lib/status-labels) and, while the resident waits, what comes next. */
export const STATUS_TEXT: Record<OrderStatus, string> = {
  ...ORDER_STATUS_LABEL,
  paid: `${ORDER_STATUS_LABEL.paid}，待到货`,
  arrived: `${ORDER_STATUS_LABEL.arrived}，待取货`,
};

const STEP_TEXT: Record<OrderStatus, string> = {
  pending_payment: '已下单',
  paid: '已支付',
  arrived: '已到货',
  picked_up: '已取货',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

const HAPPY_PATH: OrderStatus[] = ['pending_payment', 'paid', 'arrived', 'picked_up'];

export interface Step {
  text: string;
  desc: string;
}

/** The timeline for van-steps: what happened (with times), then what is still to come on the normal path. */
export function orderSteps(
  history: { status: OrderStatus; at: string }[],
  status: OrderStatus,
): { steps: Step[]; active: number } {
  const done: Step[] = history.map((h) => ({ text: STEP_TEXT[h.status], desc: formatTime(h.at) }));
  const reached = HAPPY_PATH.indexOf(status);
  const upcoming = reached >= 0 ? HAPPY_PATH.slice(reached + 1).map((s) => ({ text: STEP_TEXT[s], desc: '' })) : [];
  return { steps: [...done, ...upcoming], active: Math.max(0, done.length - 1) };
}

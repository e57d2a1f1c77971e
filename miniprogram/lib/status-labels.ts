import type { OrderStatus } from '../../typings/models';

/**
 * The one name of each order status, for residents, leaders and the console
 * alike (the console imports this file). Pages may add what happens next
 * (已支付，待到货) but never rename the status.
 */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '已支付',
  arrived: '已到货',
  picked_up: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

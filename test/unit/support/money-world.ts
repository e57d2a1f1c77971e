import type { BatchItem, Order, PickupPoint } from '../../../typings/models';
import type { RequestedLine } from '../../../cloudfunctions/core/domain/pricing';
import { createOrder } from '../../../cloudfunctions/core/usecases/order/create';
import type { OrderDeps } from '../../../cloudfunctions/core/usecases/order/deps';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';
import { handlePaymentNotice } from '../../../cloudfunctions/core/usecases/pay/notice';
import { preparePayment } from '../../../cloudfunctions/core/usecases/pay/prepare';
import { FakeWxPay } from './fake-wxpay';
import { MemoryBatchItems } from './memory-batch-items';
import { memoryMoneyTx } from './memory-money-tx';
import { MemoryOrders } from './memory-orders';
import { MemoryPayments } from './memory-payments';
import { MemoryRefundRecords } from './memory-refund-records';

// Development key (the local cloud's): pickup codes are encrypted on every order.
process.env.PICKUP_CODE_KEY ??= '0123456789abcdef'.repeat(4);

/** 10:00 Shanghai on selling day; batch b1 sells 08:00–22:00. */
export const NOW = new Date('2025-04-01T02:00:00Z');
const OPENS = new Date('2025-04-01T00:00:00Z');
const CUTOFF = new Date('2025-04-01T14:00:00Z');

export const POINT: PickupPoint = {
  _id: 'pp1',
  name: '幸福里自提点',
  address: '幸福路 1 号',
  location: { type: 'Point', coordinates: [121.47, 31.23] },
  hours: '08:00-21:00',
  leaderId: 'L1',
  active: true,
};

export function batchItem(_id: string, priceFen: number, stock: number, limitPerUser = 0): BatchItem {
  return {
    _id,
    batchId: 'b1',
    productId: `p-${_id}`,
    title: _id,
    unit: '份',
    categoryId: 'veg',
    supplierId: 's1',
    priceFen,
    originalPriceFen: priceFen + 500,
    stock,
    sold: 0,
    limitPerUser,
    minQuantity: 0,
    sort: 0,
    batchStatus: 'open',
    opensAt: OPENS,
    cutoffAt: CUTOFF,
  };
}

/**
 * One batch, one pickup point, and the order and payment use cases wired to
 * in-memory repositories and a scripted WeChat Pay.
 * Items: veg ¥12.90 (stock 10, no limit), egg ¥18.50 (stock 5, 2 per resident).
 */
export function moneyWorld(items: BatchItem[] = [batchItem('veg', 1290, 10), batchItem('egg', 1850, 5, 2)]) {
  const batchItems = new MemoryBatchItems(items);
  const orders = new MemoryOrders();
  const payments = new MemoryPayments();
  const refunds = new MemoryRefundRecords();
  const wxpay = new FakeWxPay();
  const clock = { now: NOW };
  /** Orders whose commission the hook was asked to bring up to date, in call order. */
  const commissionCalls: string[] = [];
  /** Refunds the resident was to be told of (退款通知), in call order. */
  const refundsTold: string[] = [];

  const orderDeps: OrderDeps = {
    batchItems,
    orders,
    users: { userById: async () => undefined },
    pickupPoints: { activePickupPoint: async (id) => (id === POINT._id ? POINT : undefined) },
    // No coupons in this world: test/cloud/coupon-orders.test.ts runs them through the real database.
    coupons: { claimById: async () => undefined, useClaim: async () => false, giveClaimBack: async () => false },
    // No points either: test/cloud/points.test.ts.
    points: { spendForOrder: async () => undefined, returnSpentPoints: async () => undefined },
    settings: { couponSettings: async () => ({ leaderMonthlyBudgetFen: 0, stacking: false }) },
  };
  const payDeps: PayDeps = {
    orders,
    payments,
    refunds,
    inMoneyTx: memoryMoneyTx({ orders, payments, refunds }),
    coupons: orderDeps.coupons,
    wxpay,
    now: () => clock.now,
    orderChanged: async (orderId) => commissionCalls.push(orderId),
    tellRefund: async (outRefundNo) => refundsTold.push(outRefundNo),
  };

  let requests = 0;
  const buy = (openid: string, lines: RequestedLine[], clientRequestId = `request-${++requests}`) =>
    createOrder(openid, { clientRequestId, batchId: 'b1', pickupPointId: POINT._id, lines }, clock.now, orderDeps);

  return {
    batchItems,
    orders,
    payments,
    refunds,
    wxpay,
    clock,
    commissionCalls,
    refundsTold,
    orderDeps,
    payDeps,
    buy,
    stock: (id: string) => batchItems.get(id)!.stock,
    order: (id: string): Order => orders.get(id)!,
    /** An order the resident placed and paid in full (WeChat Pay's notification handled). */
    async paidOrder(openid: string, lines: RequestedLine[]): Promise<Order> {
      const view = await buy(openid, lines);
      await preparePayment(view._id, { openid, source: 'wx_client' }, payDeps);
      wxpay.pay(view.orderNo);
      await handlePaymentNotice(view.orderNo, payDeps);
      return orders.get(view._id)!;
    },
  };
}

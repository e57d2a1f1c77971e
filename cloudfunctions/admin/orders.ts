import type { orders } from '../../typings/contracts/admin/orders';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import {
  listAfterSales,
  listFailedRefunds,
  listNotices,
  orderForAdmin,
  refundResult,
  reviewAfterSale,
  searchOrders,
} from '../core/usecases/admin/orders';
import { refundByAdmin } from '../core/usecases/refund/by-admin';
import { retryRefund } from '../core/usecases/refund/retry';

export const orderActions: ActionTable<typeof orders> = {
  'orders.search': async (input, ctx) => {
    await requireAdmin(ctx);
    return searchOrders(input);
  },
  'orders.get': async (input, ctx) => {
    await requireAdmin(ctx);
    return orderForAdmin(input.id);
  },
  /** refundByAdmin checks the admin role itself. */
  'orders.refund': async (input, ctx) => refundResult(await refundByAdmin(input, ctx)),
  'refunds.failed': async (input, ctx) => {
    await requireAdmin(ctx);
    return listFailedRefunds(input);
  },
  'refunds.retry': async (input, ctx) => {
    await requireAdmin(ctx);
    return refundResult(await retryRefund(input.outRefundNo));
  },
  'afterSales.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listAfterSales(input);
  },
  'afterSales.review': async (input, ctx) => {
    const admin = await requireAdmin(ctx);
    return reviewAfterSale(input, admin._id);
  },
  'notices.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listNotices(input);
  },
};

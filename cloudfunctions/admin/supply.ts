import type { supply } from '../../typings/contracts/admin/supply';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin, requireAdminOrSupplier } from '../core/usecases/admin/access';
import { now } from '../core/infra/clock';
import {
  dispatchPurchaseOrder,
  getPackingList,
  getRoute,
  listPackingLists,
  listPurchaseOrders,
  purchaseOrderBatches,
} from '../core/usecases/supply/queries';
import { runSupply } from '../core/usecases/supply/manual';
import { supplierSales } from '../core/usecases/supply/sales';
import { supplyStatus } from '../core/usecases/supply/run';

/** The admin function's timeout is 60 s; a longer run answers phase 'reading' and resumes on the next call (or the scheduler's). */
const BUDGET_MS = 40_000;

export const supplyActions: ActionTable<typeof supply> = {
  'supply.run': async (input, ctx) => {
    await requireAdmin(ctx);
    return runSupply(input.batchId, { restart: input.restart, budgetMs: BUDGET_MS });
  },
  'supply.status': async (input, ctx) => {
    await requireAdmin(ctx);
    return supplyStatus(input.batchId);
  },
  'purchaseOrders.batches': async (_input, ctx) => purchaseOrderBatches((await requireAdminOrSupplier(ctx)).supplierId),
  'purchaseOrders.list': async (input, ctx) =>
    listPurchaseOrders(input.batchId, (await requireAdminOrSupplier(ctx)).supplierId),
  'purchaseOrders.dispatch': async (input, ctx) =>
    dispatchPurchaseOrder(input.batchId, (await requireAdminOrSupplier(ctx)).supplierId, now()),
  'packingLists.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listPackingLists(input.batchId, input);
  },
  'packingLists.get': async (input, ctx) => {
    await requireAdmin(ctx);
    return getPackingList(input.batchId, input.pickupPointId);
  },
  'routes.get': async (input, ctx) => {
    await requireAdmin(ctx);
    return getRoute(input.batchId);
  },
  'supplierSales.get': async (input, ctx) => supplierSales(await requireAdminOrSupplier(ctx), input),
};

import { z } from 'zod';
import { action } from '../core/infra/handler';
import { id } from '../core/infra/schemas';
import { requireAdmin, requireAdminOrSupplier } from '../core/usecases/admin/access';
import { getPackingList, getRoute, listPackingLists, listPurchaseOrders } from '../core/usecases/supply/queries';
import { runSupply } from '../core/usecases/supply/manual';
import { supplyStatus } from '../core/usecases/supply/run';
import { page } from './schemas';

/** The admin function's timeout is 60 s; a run that needs longer returns phase 'reading' and is resumed by calling again (or by the scheduler). */
const BUDGET_MS = 40_000;

/**
 * Console actions for the cut-off documents (contract: typings/admin.ts).
 * Exports (Excel/CSV) are made in the browser from these plain rows.
 */
export const supplyAdminActions = {
  'supply.run': action(z.object({ batchId: id, restart: z.boolean().optional() }), async (input, ctx) => {
    await requireAdmin(ctx);
    return runSupply(input.batchId, { restart: input.restart, budgetMs: BUDGET_MS });
  }),
  'supply.status': action(z.object({ batchId: id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return supplyStatus(input.batchId);
  }),
  'purchaseOrders.list': action(z.object({ batchId: id }), async (input, ctx) =>
    listPurchaseOrders(input.batchId, (await requireAdminOrSupplier(ctx)).supplierId),
  ),
  'packingLists.list': action(z.object({ batchId: id, ...page }), async (input, ctx) => {
    await requireAdmin(ctx);
    return listPackingLists(input.batchId, input);
  }),
  'packingLists.get': action(z.object({ batchId: id, pickupPointId: id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return getPackingList(input.batchId, input.pickupPointId);
  }),
  'routes.get': action(z.object({ batchId: id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return getRoute(input.batchId);
  }),
};

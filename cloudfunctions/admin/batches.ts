import type { batches } from '../../typings/contracts/admin/batches';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import {
  batchDetail,
  closeBatch,
  createBatch,
  listBatches,
  openBatch,
  topUpBatchItem,
  updateBatchItem,
} from '../core/usecases/admin/batches';
import { listStockAlerts, readStockAlerts } from '../core/usecases/admin/stock-alerts';
import { suggestStock } from '../core/usecases/admin/suggest';

export const batchActions: ActionTable<typeof batches> = {
  'batches.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listBatches(input);
  },
  'batches.get': async (input, ctx) => {
    await requireAdmin(ctx);
    return batchDetail(input.id);
  },
  'batches.create': async (input, ctx) => {
    await requireAdmin(ctx);
    return createBatch(input);
  },
  'batches.suggest': async (input, ctx) => {
    await requireAdmin(ctx);
    return suggestStock(input.productIds, input.pickupDate);
  },
  'batches.open': async (input, ctx) => {
    await requireAdmin(ctx);
    return openBatch(input.id);
  },
  'batches.close': async (input, ctx) => {
    await requireAdmin(ctx);
    return closeBatch(input.id);
  },
  'batches.items.update': async (input, ctx) => {
    await requireAdmin(ctx);
    return updateBatchItem(input);
  },
  'batches.items.topUp': async (input, ctx) => {
    await requireAdmin(ctx);
    return topUpBatchItem(input.batchItemId, input.add);
  },
  'stockAlerts.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listStockAlerts(input);
  },
  'stockAlerts.read': async (input, ctx) => {
    await requireAdmin(ctx);
    return readStockAlerts(input.ids, now());
  },
};

import { SUPPLY_BUDGET_MS, type supply } from '../../typings/contracts/supply';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { runSupply } from '../core/usecases/supply/manual';
import { supplyStatus } from '../core/usecases/supply/run';

/** Admins (and scripts acting as one): the console's supply.run, plus knobs to cut a run short on purpose. */
export const supplyActions: ActionTable<typeof supply> = {
  run: async (input, ctx) => {
    await requireAdmin(ctx);
    const { batchId, budgetMs, ...opts } = input;
    return runSupply(batchId, { ...opts, budgetMs: budgetMs ?? SUPPLY_BUDGET_MS });
  },
  status: async ({ batchId }, ctx) => {
    await requireAdmin(ctx);
    return supplyStatus(batchId);
  },
};

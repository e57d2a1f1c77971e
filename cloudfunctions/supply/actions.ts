import { z } from 'zod';
import { action } from '../core/infra/handler';
import { id } from '../core/infra/schemas';
import { requireAdmin } from '../core/usecases/admin/access';
import { runSupply } from '../core/usecases/supply/manual';
import { supplyStatus } from '../core/usecases/supply/run';

/** Leaves a margin under the 60 s timeout (config.json) for the page or write in flight. */
export const SUPPLY_BUDGET_MS = 40_000;

/**
 * Called by admins (and by scripts acting as one): the same run as the
 * console's supply.run, plus knobs to cut a run short on purpose (maxPages,
 * pageSize, budgetMs) so a resume can be exercised and benchmarked.
 */
export const supplyActions = {
  run: action(
    z.object({
      batchId: id,
      restart: z.boolean().optional(),
      maxPages: z.number().int().min(0).max(100_000).optional(),
      pageSize: z.number().int().min(1).max(1000).optional(),
      budgetMs: z.number().int().min(1000).max(SUPPLY_BUDGET_MS).optional(),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      const { batchId, budgetMs, ...opts } = input;
      return runSupply(batchId, { ...opts, budgetMs: budgetMs ?? SUPPLY_BUDGET_MS });
    },
  ),
  status: action(z.object({ batchId: id }), async ({ batchId }, ctx) => {
    await requireAdmin(ctx);
    return supplyStatus(batchId);
  }),
};

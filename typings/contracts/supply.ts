import { z } from 'zod';
import type { SupplyStatus } from './admin/supply';
import { contract } from './define';
import { id } from './shapes';

/** The most one call may spend, under the function's 60 s timeout (config.json) for the page or write in flight. */
export const SUPPLY_BUDGET_MS = 40_000;

/**
 * supply: called by admins (and by scripts acting as one): the same run as the
 * console's supply.run, plus knobs to cut a run short on purpose (maxPages,
 * pageSize, budgetMs) so a resume can be exercised and benchmarked.
 */
export const supply = {
  run: contract(
    z.object({
      batchId: id.meta({ label: '团期' }),
      restart: z.boolean().meta({ label: '重新生成' }).optional(),
      maxPages: z.number().int().min(0).max(100_000).meta({ label: '最多页数' }).optional(),
      pageSize: z.number().int().min(1).max(1000).meta({ label: '每页条数' }).optional(),
      budgetMs: z.number().int().min(1000).max(SUPPLY_BUDGET_MS).meta({ label: '时间预算' }).optional(),
    }),
  ).answers<SupplyStatus>(),
  status: contract(z.object({ batchId: id.meta({ label: '团期' }) })).answers<SupplyStatus>(),
};

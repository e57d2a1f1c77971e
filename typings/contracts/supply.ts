import * as z from 'zod/mini';
import type { SupplyStatus } from './admin/supply';
import { contract, label } from './define';
import { id } from './shapes';

/** The most one call may spend, under the function's 60 s timeout (config.json) for the page or write in flight. */
export const SUPPLY_BUDGET_MS = 40_000;

/**
 * supply: called by admins (and by scripts acting as one): the same run as the
 * console's supply.run, plus knobs to cut a run short on purpose (maxPages,
 * pageSize, budgetMs) so a resume can be exercised and benchmarked.
 */
export const supply = {
  run: contract(() =>
    z.object({
      batchId: label(id, '团期'),
      restart: z.optional(label(z.boolean(), '重新生成')),
      maxPages: z.optional(label(z.int().check(z.gte(0), z.lte(100_000)), '最多页数')),
      pageSize: z.optional(label(z.int().check(z.gte(1), z.lte(1000)), '每页条数')),
      budgetMs: z.optional(label(z.int().check(z.gte(1000), z.lte(SUPPLY_BUDGET_MS)), '时间预算')),
    }),
  ).answers<SupplyStatus>(),
  status: contract(() => z.object({ batchId: label(id, '团期') })).answers<SupplyStatus>(),
};

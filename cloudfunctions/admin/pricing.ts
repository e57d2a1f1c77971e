import type { pricing } from '../../typings/contracts/admin/pricing';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { acceptMarkdown, pricingSuggestions } from '../core/usecases/admin/pricing';

export const pricingActions: ActionTable<typeof pricing> = {
  'pricing.suggestions': async ({ batchId }, ctx) => {
    await requireAdmin(ctx);
    return pricingSuggestions(batchId, now());
  },
  'pricing.markdown': async ({ batchItemId, priceFen }, ctx) => {
    await requireAdmin(ctx);
    return acceptMarkdown(batchItemId, priceFen, now());
  },
};

import type { analytics } from '../../typings/contracts/admin/analytics';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { cohorts, funnel, pointActivity } from '../core/usecases/admin/analytics';

export const analyticsActions: ActionTable<typeof analytics> = {
  'analytics.funnel': async (input, ctx) => {
    await requireAdmin(ctx);
    return funnel(input);
  },
  'analytics.cohorts': async (input, ctx) => {
    await requireAdmin(ctx);
    return cohorts(input, now());
  },
  'analytics.points': async (input, ctx) => {
    await requireAdmin(ctx);
    return pointActivity(input.day, now());
  },
};

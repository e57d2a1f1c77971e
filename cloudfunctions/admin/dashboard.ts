import type { dashboard } from '../../typings/contracts/admin/dashboard';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { dashboard as dashboardOf } from '../core/usecases/admin/dashboard';

export const dashboardActions: ActionTable<typeof dashboard> = {
  dashboard: async (input, ctx) => {
    await requireAdmin(ctx);
    return dashboardOf(input);
  },
};

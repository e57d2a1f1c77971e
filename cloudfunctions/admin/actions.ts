import { catalogAdminActions } from './catalog';
import { commissionAdminActions } from './commissions';
import { leaderAdminActions } from './leaders';
import { supplyAdminActions } from './supply';

/** One action table for the console, composed from one module per area. */
export const adminActions = {
  ...catalogAdminActions,
  ...commissionAdminActions,
  ...leaderAdminActions,
  ...supplyAdminActions,
};

import type { admin } from '../../typings/contracts/admin';
import type { ActionTable } from '../core/infra/handler';
import { analyticsActions } from './analytics';
import { batchActions } from './batches';
import { catalogActions } from './catalog';
import { commissionActions } from './commissions';
import { couponActions } from './coupons';
import { dashboardActions } from './dashboard';
import { leaderActions } from './leaders';
import { orderActions } from './orders';
import { pricingActions } from './pricing';
import { reviewActions } from './reviews';
import { settingsActions } from './settings';
import { settlementActions } from './settlement';
import { supplyActions } from './supply';

/**
 * The console's action table, one module per area as in typings/contracts/admin.
 * Every use case loads the caller's roles from the database first.
 */
export const adminActions: ActionTable<typeof admin> = {
  ...dashboardActions,
  ...analyticsActions,
  ...pricingActions,
  ...catalogActions,
  ...batchActions,
  ...orderActions,
  ...settingsActions,
  ...supplyActions,
  ...settlementActions,
  ...leaderActions,
  ...commissionActions,
  ...reviewActions,
  ...couponActions,
};

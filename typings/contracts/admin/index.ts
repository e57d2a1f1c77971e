import { compose } from '../define';
import { analytics } from './analytics';
import { batches } from './batches';
import { catalog } from './catalog';
import { commissions } from './commissions';
import { coupons } from './coupons';
import { dashboard } from './dashboard';
import { leaders } from './leaders';
import { orders } from './orders';
import { pricing } from './pricing';
import { reviews } from './reviews';
import { settings } from './settings';
import { settlement } from './settlement';
import { supply } from './supply';

/** admin: the web console's one function, one module per area. */
export const admin = compose(
  dashboard,
  analytics,
  pricing,
  catalog,
  batches,
  orders,
  settings,
  supply,
  settlement,
  leaders,
  commissions,
  reviews,
  coupons,
);

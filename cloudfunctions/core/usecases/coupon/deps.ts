import * as batchItems from '../../repos/batch-items';
import * as categories from '../../repos/categories';
import * as coupons from '../../repos/coupons';
import * as orders from '../../repos/orders';
import * as settings from '../../repos/settings';
import * as users from '../../repos/users';

/** The repositories coupon use cases reach (these real ones by default; unit tests pass in-memory ones). */
export interface CouponDeps {
  coupons: typeof coupons;
  orders: Pick<typeof orders, 'hasBought'>;
  categories: Pick<typeof categories, 'categoryById'>;
  batchItems: Pick<typeof batchItems, 'itemsByIds'>;
  settings: Pick<typeof settings, 'couponSettings'>;
  users: Pick<typeof users, 'userById'>;
}

export const couponDeps: CouponDeps = { coupons, orders, categories, batchItems, settings, users };

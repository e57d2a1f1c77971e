import * as batchItems from '../../repos/batch-items';
import * as coupons from '../../repos/coupons';
import * as orders from '../../repos/orders';
import * as pickupPoints from '../../repos/pickup-points';
import * as settings from '../../repos/settings';
import * as users from '../../repos/users';
import * as points from '../points/ledger';

/**
 * The repositories ordering and cancelling reach: items (stock, limit counters
 * and holds move together on them) and orders. The use cases take them as a
 * parameter (these real ones by default), so unit tests run the money rules
 * over in-memory ones.
 */
export interface OrderDeps {
  batchItems: Pick<typeof batchItems, 'itemsByIds' | 'takeStock' | 'returnStock' | 'stockState'>;
  orders: Pick<typeof orders, 'insertOrder' | 'orderById' | 'ownOrder' | 'transitionOrder' | 'hasBought'>;
  coupons: Pick<typeof coupons, 'claimById' | 'useClaim' | 'giveClaimBack'>;
  users: Pick<typeof users, 'userById'>;
  pickupPoints: Pick<typeof pickupPoints, 'activePickupPoint'>;
  /** 积分抵扣 (the points' own transactions). */
  points: Pick<typeof points, 'spendForOrder' | 'returnSpentPoints'>;
  settings: Pick<typeof settings, 'couponSettings'>;
}

export const orderDeps: OrderDeps = { batchItems, orders, users, pickupPoints, coupons, points, settings };

import * as coupons from '../../repos/coupons';
import * as orders from '../../repos/orders';
import * as pickupPoints from '../../repos/pickup-points';
import * as referrals from '../../repos/referrals';
import * as settings from '../../repos/settings';
import * as users from '../../repos/users';

/** The repositories referral use cases reach (these real ones by default). */
export interface ReferralDeps {
  referrals: typeof referrals;
  settings: Pick<typeof settings, 'referralSettings'>;
  users: Pick<typeof users, 'userById' | 'profilesOf'>;
  orders: Pick<typeof orders, 'hasBought'>;
  coupons: Pick<typeof coupons, 'couponById'>;
  pickupPoints: Pick<typeof pickupPoints, 'pickupPointById'>;
}

export const referralDeps: ReferralDeps = { referrals, settings, users, orders, coupons, pickupPoints };

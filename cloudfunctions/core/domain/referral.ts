import type { Order } from '../../../typings/models';
import type { ReferralRefusal } from '../../../typings/referral';
import { businessDate } from './time';

/**
 * 邀请有礼 rules, pure. An invite binds a new resident to the referrer once; it
 * rewards both when the invitee's first order that is picked up (and not
 * refunded in full) is verified, at most `monthlyCap` times per referrer per
 * Shanghai month.
 */

/** The Shanghai month ('YYYY-MM') an invite's reward counts in, for the monthly cap. */
export const referralMonth = (at: Date): string => businessDate(at).slice(0, 7);

/** What binding looks at: who asks, whose code it is, and the referrer's rewards this month. */
export interface BindingCheck {
  inviteeOpenid: string;
  /** The code's owner; undefined when no code of that value exists. */
  referrerOpenid?: string;
  inviteeHasOrdered: boolean;
  inviteePhone?: string;
  referrerPhone?: string;
  rewardedThisMonth: number;
  monthlyCap: number;
}

/** Why an invite cannot be bound, in the order the checks are worth recording; undefined when it binds. */
export function whyNotBound(c: BindingCheck): ReferralRefusal | undefined {
  if (!c.referrerOpenid) return 'unknownCode';
  if (c.referrerOpenid === c.inviteeOpenid) return 'self';
  if (c.inviteeHasOrdered) return 'hasOrdered';
  if (samePhone(c.inviteePhone, c.referrerPhone)) return 'samePhone';
  if (c.rewardedThisMonth >= c.monthlyCap) return 'cap';
  return undefined;
}

/**
 * Why a bound invite is not rewarded at the first pickup: the invitee may have
 * bound the referrer's phone since, or the referrer may have reached the cap
 * since binding. Undefined when it is rewarded.
 */
export function whyNotRewarded(
  c: Pick<BindingCheck, 'inviteePhone' | 'referrerPhone' | 'rewardedThisMonth' | 'monthlyCap'>,
): ReferralRefusal | undefined {
  if (samePhone(c.inviteePhone, c.referrerPhone)) return 'samePhone';
  if (c.rewardedThisMonth >= c.monthlyCap) return 'cap';
  return undefined;
}

const samePhone = (a?: string, b?: string) => Boolean(a && b && a === b);

/** An order that earns the invite's reward: picked up, some unit taken, and not refunded in full. */
export function rewardsInvite(order: Pick<Order, 'status' | 'lines' | 'paidFen' | 'refundedFen'>): boolean {
  if (order.status !== 'picked_up') return false;
  if (!order.lines.some((l) => l.pickedQty > 0)) return false;
  return order.paidFen - order.refundedFen > 0;
}

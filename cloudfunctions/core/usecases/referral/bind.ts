import { referralMonth, whyNotBound } from '../../domain/referral';
import type { ReferralDoc } from '../../repos/referrals';
import { referralDeps, type ReferralDeps } from './deps';

/**
 * user.enter with a ref: binds the new resident to the code's owner, once. The
 * referrals document under the invitee's openid is the binding (one insert
 * wins any race). An invite that cannot bind (unknown code, self-referral, a
 * resident who has ordered, the referrer's phone, the referrer's monthly cap)
 * is recorded as refused with its reason and otherwise ignored: it never
 * keeps anyone from shopping. Nothing happens while 邀请有礼 is off, or once the
 * resident is bound.
 */
export async function bindReferral(
  inviteeOpenid: string,
  code: string,
  now: Date,
  deps: ReferralDeps = referralDeps,
): Promise<void> {
  const [settings, existing] = await Promise.all([
    deps.settings.referralSettings(),
    deps.referrals.referralOf(inviteeOpenid),
  ]);
  if (!settings.enabled || (existing && existing.status !== 'refused')) return;
  const referrerOpenid = await deps.referrals.codeOwner(code);
  const [invitee, referrer, inviteeHasOrdered, rewardedThisMonth] = await Promise.all([
    deps.users.userById(inviteeOpenid),
    referrerOpenid ? deps.users.userById(referrerOpenid) : undefined,
    deps.orders.hasBought(inviteeOpenid),
    referrerOpenid ? deps.referrals.rewardedCountOf(referrerOpenid, referralMonth(now)) : 0,
  ]);
  const reason = whyNotBound({
    inviteeOpenid,
    referrerOpenid,
    inviteeHasOrdered,
    inviteePhone: invitee?.phone,
    referrerPhone: referrer?.phone,
    rewardedThisMonth,
    monthlyCap: settings.monthlyCap,
  });
  const doc: ReferralDoc = {
    _id: inviteeOpenid,
    code,
    ...(referrerOpenid ? { referrerOpenid } : {}),
    status: reason ? 'refused' : 'bound',
    ...(reason ? { reason } : {}),
    boundAt: now,
  };
  // A refusal is recorded once (the first); a valid invite may replace a refusal.
  if (existing) {
    if (!reason) await deps.referrals.replaceRefused(doc);
    return;
  }
  if (!(await deps.referrals.insertReferralOnce(doc)) && !reason) await deps.referrals.replaceRefused(doc);
}

import { referralMonth, rewardsInvite, whyNotBound, whyNotRewarded } from '../../cloudfunctions/core/domain/referral';
import { newInviteCode } from '../../cloudfunctions/core/domain/ids';

const ok = {
  inviteeOpenid: 'oNEW',
  referrerOpenid: 'oREF',
  inviteeHasOrdered: false,
  rewardedThisMonth: 19,
  monthlyCap: 20,
};

test('an invite binds a new resident to another resident under the cap; each refusal names its reason', () => {
  expect(whyNotBound(ok)).toBeUndefined();
  expect(whyNotBound({ ...ok, referrerOpenid: undefined })).toBe('unknownCode');
  expect(whyNotBound({ ...ok, referrerOpenid: 'oNEW', inviteeHasOrdered: true })).toBe('self');
  expect(whyNotBound({ ...ok, inviteeHasOrdered: true })).toBe('hasOrdered');
  expect(whyNotBound({ ...ok, inviteePhone: '13800001111', referrerPhone: '13800001111' })).toBe('samePhone');
  expect(whyNotBound({ ...ok, inviteePhone: '13800001111', referrerPhone: '13800002222' })).toBeUndefined();
  expect(whyNotBound({ ...ok, rewardedThisMonth: 20 })).toBe('cap');
  // No phone on either side is not "the same phone".
  expect(whyNotRewarded({ rewardedThisMonth: 0, monthlyCap: 1 })).toBeUndefined();
  expect(whyNotRewarded({ rewardedThisMonth: 1, monthlyCap: 1 })).toBe('cap');
});

test('only a picked-up order with a unit taken and money kept rewards', () => {
  const order = {
    status: 'picked_up' as const,
    paidFen: 990,
    refundedFen: 0,
    lines: [{ pickedQty: 1 }] as any,
  };
  expect(rewardsInvite(order)).toBe(true);
  expect(rewardsInvite({ ...order, refundedFen: 990 })).toBe(false);
  expect(rewardsInvite({ ...order, refundedFen: 500 })).toBe(true);
  expect(rewardsInvite({ ...order, status: 'arrived' })).toBe(false);
  expect(rewardsInvite({ ...order, lines: [{ pickedQty: 0 }] as any })).toBe(false);
});

test('the cap counts Shanghai months; codes are 8 unambiguous characters', () => {
  expect(referralMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  expect(referralMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  const codes = new Set(Array.from({ length: 1000 }, newInviteCode));
  expect(codes.size).toBe(1000);
  for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{8}$/);
});

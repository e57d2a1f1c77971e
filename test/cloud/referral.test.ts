import { businessDate } from '../../cloudfunctions/core/domain/time';
import { couponInput, LEADER1, NOT_ADMINS, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * 邀请有礼 through the real SDK: RES1 shares 我的 → 邀请有礼 (ref=<code>), a new
 * neighbour opens it (user.enter) and is bound once; the leader's verify of the
 * neighbour's first order rewards both with the admin's coupons, once.
 */
jest.setTimeout(180_000);
let w: AdminWorld;
let referrerCoupon: any;
let inviteeCoupon: any;
beforeAll(async () => {
  w = await startAdminWorld('referral-env');
  const today = businessDate(w.now());
  // Reward-only coupons are paused: nobody claims them in 领券中心, grants still give them.
  referrerCoupon = await w.ok(
    'coupons.create',
    couponInput(today, { title: '邀请奖励5元', kind: 'fixed', thresholdFen: 0 }),
  );
  inviteeCoupon = await w.ok(
    'coupons.create',
    couponInput(today, { title: '新邻居3元', kind: 'fixed', offFen: 300, thresholdFen: 0 }),
  );
  for (const c of [referrerCoupon, inviteeCoupon]) await w.ok('coupons.pause', { couponId: c._id });
}, 60_000);
afterAll(() => w?.stop());

const settings = (extra: Record<string, unknown> = {}) =>
  w.ok('settings.referral', {
    enabled: true,
    referrerCouponId: referrerCoupon._id,
    inviteeCouponId: inviteeCoupon._id,
    monthlyCap: 20,
    ...extra,
  });
const invite = async (openid: string) => {
  const res = await w.call('user', { action: 'invite' }, openid);
  if (!res.ok) throw new Error(`user.invite ${res.code} ${res.message}`);
  return res.data;
};
const enter = async (openid: string, ref: string) => {
  const res = await w.call('user', { action: 'enter', leaderId: 'leader-wang', ref }, openid);
  expect(res.ok).toBe(true);
  return res.data;
};
/** An order of the resident's that reached pp-sunshine, and its pickup code. */
const arrived = async (openid: string) => {
  const order = await w.arrivedOrder(openid, OPEN, [{ batchItemId: ITEM.qingcai, qty: 1 }], 'pp-sunshine');
  const detail = await w.call('order', { action: 'detail', orderId: order._id }, openid);
  return { ...order, code: detail.data.pickupCode as string };
};
const verify = (code: string) => w.call('leader', { action: 'verify', batchId: OPEN, code }, LEADER1);
const grantsTo = (openid: string) => w.find('couponClaims', { openid, seq: 0 });
const referral = (openid: string) => w.doc('referrals', openid).catch(() => undefined);

test('a new neighbour is bound once; the first pickup rewards both once under parallel verifies of two orders', async () => {
  await settings();
  const mine = await invite(RES1);
  expect(mine).toMatchObject({ enabled: true, monthlyCap: 20, invites: [], rewards: [] });
  expect(mine.code).toMatch(/^[a-z2-9]{8}$/);
  expect(mine.path).toBe(`/pages/home/index?leaderId=leader-wang&ref=${mine.code}`);
  expect(mine.referrerReward).toMatchObject({ title: '邀请奖励5元', kind: 'fixed', offFen: 500 });
  expect(mine.inviteeReward).toMatchObject({ title: '新邻居3元', offFen: 300 });
  expect((await invite(RES1)).code).toBe(mine.code);
  const other = (await invite(RES2)).code;

  // Three opens of RES1's share at once and then RES2's: bound to RES1, once.
  await Promise.all([1, 2, 3].map(() => enter('oNEWBIE1', mine.code)));
  await enter('oNEWBIE1', other);
  expect(await w.find('referrals', { _id: 'oNEWBIE1' })).toEqual([
    expect.objectContaining({ referrerOpenid: RES1, status: 'bound', code: mine.code }),
  ]);
  expect((await invite(RES1)).invites).toEqual([expect.objectContaining({ name: '邻居', status: 'bound' })]);
  expect((await invite(RES2)).invites).toEqual([]);

  // Two orders of the neighbour, each verified three times at once: one reward each side.
  const [a, b] = [await arrived('oNEWBIE1'), await arrived('oNEWBIE1')];
  expect(await grantsTo(RES1)).toEqual([]);
  const answers = await Promise.all([a, b, a, b, a, b].map((o) => verify(o.code)));
  expect(answers.every((r) => r.ok)).toBe(true);
  expect((await grantsTo(RES1)).map((c: any) => c.couponId)).toEqual([referrerCoupon._id]);
  expect((await grantsTo('oNEWBIE1')).map((c: any) => c.couponId)).toEqual([inviteeCoupon._id]);
  expect((await w.doc('coupons', referrerCoupon._id)).claimed).toBe(1);
  expect((await w.doc('coupons', inviteeCoupon._id)).claimed).toBe(1);
  expect(await referral('oNEWBIE1')).toMatchObject({ status: 'rewarded', month: businessDate(w.now()).slice(0, 7) });

  // Later pickups reward nothing more; both see the reward.
  const c = await arrived('oNEWBIE1');
  expect((await verify(c.code)).ok).toBe(true);
  expect(await grantsTo(RES1)).toHaveLength(1);
  const after = await invite(RES1);
  expect(after.invites).toEqual([expect.objectContaining({ status: 'rewarded', rewardedAt: expect.any(String) })]);
  expect(after.rewards).toEqual([expect.objectContaining({ title: '邀请奖励5元', as: 'referrer' })]);
  expect((await invite('oNEWBIE1')).rewards).toEqual([expect.objectContaining({ title: '新邻居3元', as: 'invitee' })]);
  const held = await w.call('order', { action: 'coupons.mine', state: 'unused' }, 'oNEWBIE1');
  expect(held.data.map((x: any) => x.title)).toEqual(['新邻居3元']);

  // A granted copy is not one of 领券中心's 每人限领 1: resumed, the coupon can still be claimed there once.
  await w.ok('coupons.pause', { couponId: referrerCoupon._id, paused: false });
  try {
    const claims = await Promise.all(
      [1, 2].map(() => w.call('order', { action: 'coupons.claim', couponId: referrerCoupon._id }, RES1)),
    );
    expect(claims.filter((r) => r.ok)).toHaveLength(1);
    expect(await w.find('couponClaims', { openid: RES1, couponId: referrerCoupon._id })).toHaveLength(2);
  } finally {
    await w.ok('coupons.pause', { couponId: referrerCoupon._id });
  }
});

test('a points reward: each side is credited once (a 邀请奖励 ledger entry), under parallel verifies', async () => {
  await settings({ inviteeCouponId: null, referrerCouponId: null, referrerPoints: 200, inviteePoints: 100 });
  expect((await invite(RES2)).referrerPoints).toBe(200);
  await enter('oNEWBIE_PTS', (await invite(RES2)).code);
  const order = await arrived('oNEWBIE_PTS');
  expect((await Promise.all([1, 2, 3].map(() => verify(order.code)))).every((r) => r.ok)).toBe(true);
  const pointsOf = async (openid: string) =>
    (await w.find('pointsLedger', { openid, kind: 'referral' })).map((e: any) => e.points);
  expect(await pointsOf(RES2)).toEqual([200]);
  expect(await pointsOf('oNEWBIE_PTS')).toEqual([100]);
  // Picked-up qingcai earned its own 2 points on top.
  expect((await w.call('order', { action: 'points.summary' }, 'oNEWBIE_PTS')).data.balance).toBe(102);
  expect(await grantsTo('oNEWBIE_PTS')).toEqual([]);
  await settings();
});

test('refused and recorded, nothing given: self-referral, unknown code, a resident who ordered, the same phone', async () => {
  await settings();
  const code = (await invite(RES1)).code;
  await enter(RES1, code);
  expect(await referral(RES1)).toMatchObject({ status: 'refused', reason: 'self' });
  await enter('oNEWBIE2', 'nosuchcd');
  expect(await referral('oNEWBIE2')).toMatchObject({ status: 'refused', reason: 'unknownCode' });
  await w.paidOrder('oOLDHAND', OPEN, [{ batchItemId: ITEM.qingcai, qty: 1 }], 'pp-sunshine');
  await enter('oOLDHAND', code);
  expect(await referral('oOLDHAND')).toMatchObject({ status: 'refused', reason: 'hasOrdered' });
  await w.db
    .collection('users')
    .doc(RES1)
    .update({ data: { phone: '13800001111' } });
  await w.db
    .collection('users')
    .add({ data: { _id: 'oTWIN', roles: ['resident'], phone: '13800001111', createdAt: w.now() } });
  await enter('oTWIN', code);
  expect(await referral('oTWIN')).toMatchObject({ status: 'refused', reason: 'samePhone' });
  expect((await invite(RES1)).invites.filter((i: any) => i.status === 'bound')).toEqual([]);

  // A refused neighbour is still free to be invited properly: the unknown code gave way to RES2's.
  await enter('oNEWBIE2', (await invite(RES2)).code);
  expect(await referral('oNEWBIE2')).toMatchObject({ status: 'bound', referrerOpenid: RES2 });
  expect((await referral('oNEWBIE2')).reason).toBeUndefined();

  // Their pickups give nobody anything.
  for (const who of ['oTWIN', 'oOLDHAND']) expect((await verify((await arrived(who)).code)).ok).toBe(true);
  expect(await grantsTo('oTWIN')).toEqual([]);
  expect(await grantsTo('oOLDHAND')).toEqual([]);
  await w.db
    .collection('users')
    .doc(RES1)
    .update({ data: { phone: w.db.command.remove() } });
});

test('the same phone bound after the invite, or the monthly cap reached since, refuses the reward at pickup', async () => {
  await settings();
  await w.call('user', { action: 'enter' }, 'oREF3');
  const code = (await invite('oREF3')).code;
  await enter('oNEWBIE3', code);
  await w.db
    .collection('users')
    .doc('oREF3')
    .update({ data: { phone: '13900002222' } });
  await w.db
    .collection('users')
    .doc('oNEWBIE3')
    .update({ data: { phone: '13900002222' } });
  expect((await verify((await arrived('oNEWBIE3')).code)).ok).toBe(true);
  expect(await referral('oNEWBIE3')).toMatchObject({ status: 'refused', reason: 'samePhone' });
  expect(await grantsTo('oREF3')).toEqual([]);

  // Cap 1: the first invite rewards, the second (bound meanwhile) is refused at its pickup, a third at binding.
  await settings({ monthlyCap: 1 });
  const capped = (await invite('oREF4')).code;
  await enter('oNEWBIE4', capped);
  await enter('oNEWBIE5', capped);
  expect((await verify((await arrived('oNEWBIE4')).code)).ok).toBe(true);
  expect((await verify((await arrived('oNEWBIE5')).code)).ok).toBe(true);
  expect(await referral('oNEWBIE5')).toMatchObject({ status: 'refused', reason: 'cap' });
  await enter('oNEWBIE6', capped);
  expect(await referral('oNEWBIE6')).toMatchObject({ status: 'refused', reason: 'cap' });
  expect(await grantsTo('oREF4')).toHaveLength(1);
  expect(await grantsTo('oNEWBIE5')).toEqual([]);
});

test('an order refunded in full, or one not picked up, never rewards; the first order picked up does', async () => {
  await settings();
  await enter('oNEWBIE7', (await invite('oREF7')).code);
  const refunded = await arrived('oNEWBIE7');
  const refund = await w.call(
    'pay',
    {
      action: 'refund',
      orderId: refunded._id,
      lines: [{ batchItemId: ITEM.qingcai, qty: 1 }],
      reason: '缺货',
      outRefundNo: `${refunded.orderNo}-r1`,
    },
    'oADMIN',
  );
  expect(refund.ok).toBe(true);
  await w.t.running.cloud.pay.simulateRefund(w.env, `${refunded.orderNo}-r1`);
  expect((await verify(refunded.code)).ok).toBe(false);
  await arrived('oNEWBIE7'); // arrived, never picked up
  expect(await referral('oNEWBIE7')).toMatchObject({ status: 'bound' });
  expect(await grantsTo('oREF7')).toEqual([]);
  expect((await verify((await arrived('oNEWBIE7')).code)).ok).toBe(true);
  expect(await referral('oNEWBIE7')).toMatchObject({ status: 'rewarded' });
  expect(await grantsTo('oREF7')).toHaveLength(1);
});

test('邀请有礼 off: no code, no binding, no reward', async () => {
  await settings({ enabled: false });
  expect(await invite('oREF8')).toMatchObject({ enabled: false, code: '', path: '/pages/home/index' });
  await w.ok('settings.referral', {
    enabled: true,
    referrerCouponId: referrerCoupon._id,
    inviteeCouponId: null,
    monthlyCap: 20,
  });
  const code = (await invite('oREF8')).code;
  await settings({ enabled: false });
  await enter('oNEWBIE8', code);
  expect(await referral('oNEWBIE8')).toBeUndefined();
});

test('bad settings are INVALID_INPUT with a Chinese reason and change nothing; non-admins are refused', async () => {
  await settings();
  const before = await w.dump('settings');
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ referrerCouponId: 'cpn-nope' }, '邀请人奖励的优惠券不存在'],
    [{ inviteeCouponId: 'cpn-nope' }, '新用户奖励的优惠券不存在'],
    [{ monthlyCap: 0 }, '每月奖励上限必须大于 0'],
    [{ monthlyCap: 1001 }, '每月奖励上限不能大于 1000'],
    [{ monthlyCap: 2.5 }, '每月奖励上限必须是整数'],
    [{ referrerCouponId: null, inviteeCouponId: null }, '开启邀请有礼须选择奖励的优惠券或积分'],
    [{ referrerPoints: 10_001 }, '邀请人积分不能大于 10000'],
  ];
  for (const [extra, message] of bad) {
    const res = await w.admin('settings.referral', {
      enabled: true,
      referrerCouponId: referrerCoupon._id,
      inviteeCouponId: inviteeCoupon._id,
      monthlyCap: 20,
      ...extra,
    });
    expect({ extra, code: res.code, message: res.message }).toEqual({ extra, code: 'INVALID_INPUT', message });
  }
  for (const [, openid, code] of NOT_ADMINS) {
    const res = await w.admin(
      'settings.referral',
      { enabled: false, referrerCouponId: null, inviteeCouponId: null, monthlyCap: 5 },
      openid,
    );
    expect(res.code).toBe(code);
  }
  expect(await w.dump('settings')).toBe(before);
  expect((await w.ok('settings.get')).referral).toEqual({
    enabled: true,
    referrerCouponId: referrerCoupon._id,
    inviteeCouponId: inviteeCoupon._id,
    referrerPoints: 0,
    inviteePoints: 0,
    monthlyCap: 20,
  });
});

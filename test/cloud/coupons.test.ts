import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { couponInput as couponWith, NOT_ADMINS, RES1, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * Coupons through the real SDK: the admin creates, pauses and lists them in the
 * console's function; residents claim them in the order function. A claim takes
 * a copy with one guarded $inc and records it under the resident's next claim
 * _id, so neither the copies nor a resident's limit can be overrun by a race.
 */
jest.setTimeout(180_000);
const DAY = 24 * 3_600_000;
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('coupons-env');
}, 60_000);
afterAll(() => w?.stop());

const today = () => businessDate(w.now());
const couponInput = (extra: Record<string, unknown> = {}) => couponWith(today(), extra);
const create = (extra: Record<string, unknown> = {}) => w.ok('coupons.create', couponInput(extra));
const claim = (couponId: string, openid: string | undefined) =>
  w.call('order', { action: 'coupons.claim', couponId }, openid);
const resident = (action: string, openid: string, data: Record<string, unknown> = {}) =>
  w.call('order', { action: `coupons.${action}`, ...data }, openid);
const answer = (a: { ok: boolean; code?: string; message?: string }) => (a.ok ? 'ok' : `${a.code} ${a.message}`);
const tally = (answers: Array<{ ok: boolean; code?: string; message?: string }>) => {
  const out: Record<string, number> = {};
  for (const a of answers) out[answer(a)] = (out[answer(a)] ?? 0) + 1;
  return out;
};

test('500 parallel claims of a coupon with 100 copies: exactly 100 residents get one, the console counts 100', async () => {
  const coupon = await create({ title: '抢券', total: 100 });
  const residents = Array.from({ length: 500 }, (_, k) => `oCLAIMER${String(k).padStart(3, '0')}`);
  const answers = await Promise.all(residents.map((openid) => claim(coupon._id, openid)));
  expect(tally(answers)).toEqual({ ok: 100, 'INVALID_STATE 优惠券已领完': 400 });
  const winners = residents.filter((_r, i) => answers[i].ok);
  const claims = await w.find('couponClaims', { couponId: coupon._id });
  expect(claims.map((c) => c.openid).sort()).toEqual(winners.sort());
  const listed = await w.ok('coupons.list', {});
  expect(listed.items.find((c: any) => c._id === coupon._id)).toMatchObject({ claimed: 100, total: 100, used: 0 });
  // Sold out: a winner sees it in 我的优惠券, a loser no longer sees it in 领券中心.
  expect((await resident('mine', winners[0])).data).toEqual([
    expect.objectContaining({ couponId: coupon._id, state: 'unused', offFen: 500, thresholdFen: 3000 }),
  ]);
  const loser = residents.find((_r, i) => !answers[i].ok)!;
  expect((await resident('available', loser)).data.map((c: any) => c._id)).not.toContain(coupon._id);
});

test('one resident claiming a 每人限领 2 coupon ten times at once holds exactly 2; the next claim is refused', async () => {
  const coupon = await create({ title: '限领两张', perResident: 2, total: 50 });
  const answers = await Promise.all(Array.from({ length: 10 }, () => claim(coupon._id, 'oGREEDY')));
  expect(answers.filter((a) => a.ok)).toHaveLength(2);
  expect(answers.filter((a) => !a.ok).every((a) => a.code === 'INVALID_STATE')).toBe(true);
  expect(await w.find('couponClaims', { couponId: coupon._id, openid: 'oGREEDY' })).toHaveLength(2);
  // Copies whose claim could not be recorded went back: only the two held are counted.
  expect((await w.doc('coupons', coupon._id)).claimed).toBe(2);
  expect(answer(await claim(coupon._id, 'oGREEDY'))).toBe('INVALID_STATE 每人限领 2 张');
  expect((await resident('available', 'oGREEDY')).data.find((c: any) => c._id === coupon._id)).toMatchObject({
    mine: 2,
    perResident: 2,
    left: 48,
  });
});

test('a paused coupon is refused and hidden, nothing changes; resumed, it can be claimed again', async () => {
  const coupon = await create({ title: '暂停券' });
  expect(await w.ok('coupons.pause', { couponId: coupon._id })).toMatchObject({ status: 'paused' });
  const before = await w.dump('coupons', 'couponClaims');
  expect(answer(await claim(coupon._id, RES1))).toBe('INVALID_STATE 该优惠券已暂停领取');
  expect((await resident('available', RES1)).data.map((c: any) => c._id)).not.toContain(coupon._id);
  expect(await w.dump('coupons', 'couponClaims')).toBe(before);
  expect(await w.ok('coupons.pause', { couponId: coupon._id, paused: false })).toMatchObject({ status: 'active' });
  expect(answer(await claim(coupon._id, RES1))).toBe('ok');
  expect((await w.ok('coupons.list', { status: 'paused' })).items.map((c: any) => c._id)).not.toContain(coupon._id);
});

test('an expired coupon is refused after its last Shanghai day; a copy claimed before shows as 已过期', async () => {
  const coupon = await create({ title: '今日券', validTo: today() });
  expect(answer(await claim(coupon._id, 'oEARLY'))).toBe('ok');
  w.advance(DAY);
  try {
    const before = await w.dump('coupons', 'couponClaims');
    expect(answer(await claim(coupon._id, 'oLATE'))).toBe('INVALID_STATE 该优惠券已过期');
    expect(await w.dump('coupons', 'couponClaims')).toBe(before);
    expect((await resident('available', 'oLATE')).data.map((c: any) => c._id)).not.toContain(coupon._id);
    expect((await resident('mine', 'oEARLY', { state: 'expired' })).data).toEqual([
      expect.objectContaining({ couponId: coupon._id, state: 'expired' }),
    ]);
    expect((await resident('mine', 'oEARLY', { state: 'unused' })).data).toEqual([]);
  } finally {
    w.advance(-DAY);
  }
});

test('a 新人券 is for a resident who has not bought yet: offered and claimed by a newcomer, refused after a paid order', async () => {
  const coupon = await create({ title: '新人立减3元', kind: 'newResident', offFen: 300, thresholdFen: 0 });
  const buyer = 'oBOUGHT';
  await w.paidOrder(buyer, OPEN, [{ batchItemId: ITEM.qingcai, qty: 1 }], 'pp-sunshine');
  expect((await resident('available', 'oNEWCOMER')).data.map((c: any) => c._id)).toContain(coupon._id);
  expect((await resident('available', buyer)).data.map((c: any) => c._id)).not.toContain(coupon._id);
  expect(answer(await claim(coupon._id, buyer))).toBe('INVALID_STATE 新人券仅限还没有下过单的居民领取');
  expect(answer(await claim(coupon._id, 'oNEWCOMER'))).toBe('ok');
});

test('bad input is INVALID_INPUT with a Chinese reason and stores nothing', async () => {
  const before = await w.dump('coupons', 'couponClaims');
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ thresholdFen: 500 }, '满减券的门槛须高于优惠金额'],
    [{ kind: 'fixed' }, '立减券没有使用门槛'],
    [{ kind: 'category', categoryIds: [] }, '品类券须选择适用类目'],
    [{ kind: 'category', categoryIds: ['no-such-category'] }, '类目不存在：no-such-category'],
    [{ validFrom: addDays(today(), 3), validTo: addDays(today(), 2) }, '结束日期不能早于开始日期'],
    [{ validFrom: addDays(today(), -9), validTo: addDays(today(), -1) }, '结束日期已过'],
    [{ offFen: 0 }, '优惠金额必须大于 0'],
    [{ total: 0 }, '发放数量必须大于 0'],
    [{ perResident: 11 }, '每人限领不能大于 10'],
    [{ validTo: '2026-02-30' }, '结束日期不是日历上的日期'],
  ];
  for (const [extra, message] of bad) {
    const res = await w.admin('coupons.create', couponInput(extra));
    expect({ extra, code: res.code, message: res.message }).toEqual({ extra, code: 'INVALID_INPUT', message });
  }
  expect(answer(await claim('', RES1))).toBe('INVALID_INPUT 优惠券不能为空');
  expect(answer(await claim('cpn-nope', RES1))).toBe('NOT_FOUND 优惠券不存在');
  expect(answer(await w.admin('coupons.pause', { couponId: 'cpn-nope' }))).toBe('NOT_FOUND 优惠券不存在');
  expect(await w.dump('coupons', 'couponClaims')).toBe(before);
});

test('a retried create with its requestId answers the same coupon; a 品类券 names existing categories', async () => {
  const input = couponInput({ title: '水果满50减8', kind: 'category', categoryIds: ['fruit'], thresholdFen: 5000 });
  const [a, b] = await Promise.all([w.ok('coupons.create', input), w.ok('coupons.create', input)]);
  expect(a._id).toBe(b._id);
  expect(await w.find('coupons', { title: '水果满50减8' })).toHaveLength(1);
  expect(a).toMatchObject({ kind: 'category', categoryIds: ['fruit'], claimed: 0, used: 0, costFen: 0 });
});

test.each(NOT_ADMINS)('a %s is refused every coupon console action and nothing changes', async (_who, openid, code) => {
  const coupon = await create({ title: '权限券' });
  const before = await w.dump('coupons', 'couponClaims');
  for (const [action, input] of [
    ['coupons.create', couponInput()],
    ['coupons.pause', { couponId: coupon._id }],
    ['coupons.list', {}],
  ] as const) {
    const res = await w.admin(action, input, openid);
    expect({ action, code: res.code }).toEqual({ action, code });
  }
  expect(await w.dump('coupons', 'couponClaims')).toBe(before);
});

test('a stranger outside WeChat cannot claim or list coupons', async () => {
  const coupon = await create({ title: '陌生人券' });
  expect((await claim(coupon._id, undefined)).code).toBe('UNAUTHENTICATED');
  expect((await w.call('order', { action: 'coupons.mine' }, undefined)).code).toBe('UNAUTHENTICATED');
  expect((await w.doc('coupons', coupon._id)).claimed).toBe(0);
});

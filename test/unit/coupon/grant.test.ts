import { grantCoupon } from '../../../cloudfunctions/core/usecases/coupon/grant';
import type { CouponDeps } from '../../../cloudfunctions/core/usecases/coupon/deps';
import type { CouponClaimDoc, CouponDoc } from '../../../cloudfunctions/core/repos/coupons';
import { MemoryStore } from '../support/memory-store';

/**
 * grantCoupon on in-memory repositories whose every call yields first, so
 * parallel grants interleave as they would against the database.
 */
const AT = new Date('2026-12-03T04:00:00Z'); // 2026-12-03 in Shanghai
const coupon = (c: Partial<CouponDoc> = {}): CouponDoc => ({
  _id: 'cpn-gift',
  title: '邀请有礼 立减5元',
  kind: 'fixed',
  offFen: 500,
  thresholdFen: 0,
  categoryIds: [],
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
  status: 'paused',
  total: 3,
  claimed: 0,
  used: 0,
  costFen: 0,
  perResident: 1,
  createdAt: AT,
  createdBy: 'oADMIN',
  ...c,
});

function world(c: CouponDoc = coupon()) {
  const coupons = new MemoryStore<CouponDoc>([c]);
  const claims = new MemoryStore<CouponClaimDoc>();
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const repo = {
    couponById: async (id: string) => (await tick(), coupons.get(id)),
    claimById: async (id: string) => (await tick(), claims.get(id)),
    takeGrantedCopy: async (id: string, total: number, today: string) => {
      await tick();
      return coupons.update(
        id,
        (d) => d.validTo >= today && d.claimed < total,
        (d) => void d.claimed++,
      );
    },
    giveCopyBack: async (id: string) => {
      await tick();
      coupons.update(
        id,
        (d) => d.claimed > 0,
        (d) => void d.claimed--,
      );
    },
    insertClaimOnce: async (doc: CouponClaimDoc) => (await tick(), claims.insert(doc)),
  };
  const deps = { coupons: repo } as unknown as CouponDeps;
  return { coupons, claims, deps };
}

test('ten parallel grants under one key give one copy, take one of the copies, and all answer that copy', async () => {
  const w = world();
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => grantCoupon('cpn-gift', 'oNEW', 'referral:oNEW', AT, w.deps)),
  );
  expect(new Set(answers.map((a) => a._id))).toEqual(new Set(['cpn-gift|oNEW|g:referral:oNEW']));
  expect(answers[0]).toMatchObject({ couponId: 'cpn-gift', state: 'unused', offFen: 500 });
  expect(w.claims.docs.size).toBe(1);
  expect(w.coupons.get('cpn-gift')!.claimed).toBe(1);
});

test('a paused coupon is granted past 每人限领 under other keys, until its copies run out; then nothing changes', async () => {
  const w = world();
  for (const key of ['a', 'b', 'c']) await grantCoupon('cpn-gift', 'oNEW', key, AT, w.deps);
  expect(w.coupons.get('cpn-gift')!.claimed).toBe(3);
  await expect(grantCoupon('cpn-gift', 'oNEW', 'd', AT, w.deps)).rejects.toMatchObject({
    code: 'INVALID_STATE',
    message: '优惠券已领完',
  });
  expect(w.claims.docs.size).toBe(3);
  expect(w.coupons.get('cpn-gift')!.claimed).toBe(3);
  // A grant already made still answers its copy.
  await expect(grantCoupon('cpn-gift', 'oNEW', 'a', AT, w.deps)).resolves.toMatchObject({ _id: 'cpn-gift|oNEW|g:a' });
});

test('an expired or unknown coupon is refused and nothing changes', async () => {
  const w = world(coupon({ validTo: '2026-12-02' }));
  await expect(grantCoupon('cpn-gift', 'oNEW', 'k', AT, w.deps)).rejects.toMatchObject({
    code: 'INVALID_STATE',
    message: '该优惠券已过期',
  });
  await expect(grantCoupon('cpn-none', 'oNEW', 'k', AT, w.deps)).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: '优惠券不存在',
  });
  expect(w.claims.docs.size).toBe(0);
  expect(w.coupons.get('cpn-gift')!.claimed).toBe(0);
});

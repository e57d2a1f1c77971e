import fc from 'fast-check';
import {
  bestCombination,
  bestCoupon,
  couponPhase,
  couponTermsProblem,
  fitCoupon,
  fitCoupons,
  whyNotClaimed,
  whyNotTogether,
  type CartLine,
} from '../../cloudfunctions/core/domain/coupons';
import type { CouponKind, CouponTerms } from '../../typings/coupons';

const AT = new Date('2026-12-03T04:00:00Z'); // 12:00 in Shanghai, 2026-12-03
const ctx = { at: AT, firstOrder: false };
const terms = (t: Partial<CouponTerms> = {}): CouponTerms => ({
  kind: 'threshold',
  offFen: 500,
  thresholdFen: 3000,
  categoryIds: [],
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
  ...t,
});
const line = (amountFen: number, categoryId = 'fresh'): CartLine & { discountFen?: number } => ({
  amountFen,
  categoryId,
});

test('满减: ¥5 off from ¥30, spread over the lines in proportion, each line paid + discount = its amount', () => {
  const lines = [line(2000), line(1000), line(333)];
  expect(fitCoupon(terms(), lines, ctx)).toEqual({ applies: true, discountFen: 500, lineDiscounts: [300, 150, 50] });
  expect(fitCoupon(terms(), [line(2999)], ctx)).toEqual({ applies: false, reason: '未达到使用门槛', shortFen: 1 });
  expect(fitCoupon(terms(), [line(3000)], ctx)).toMatchObject({ applies: true, discountFen: 500 });
});

test('立减 never takes the order below 1 fen; 新人券 only on a first order', () => {
  const fixed = terms({ kind: 'fixed', thresholdFen: 0, offFen: 1000 });
  expect(fitCoupon(fixed, [line(600), line(200)], ctx)).toEqual({
    applies: true,
    discountFen: 799,
    lineDiscounts: [599, 200],
  });
  expect(fitCoupon(fixed, [line(1)], ctx)).toEqual({ applies: false, reason: '订单金额太小' });
  const fresh = terms({ kind: 'newResident', thresholdFen: 0, offFen: 300 });
  expect(fitCoupon(fresh, [line(990)], ctx)).toEqual({ applies: false, reason: '仅限首单使用' });
  expect(fitCoupon(fresh, [line(990)], { ...ctx, firstOrder: true })).toMatchObject({
    applies: true,
    discountFen: 300,
  });
});

test('品类券: only its categories count towards the threshold and take the discount', () => {
  const meat = terms({ kind: 'category', categoryIds: ['meat'], thresholdFen: 2000, offFen: 400 });
  expect(fitCoupon(meat, [line(5000, 'fresh'), line(1500, 'meat')], ctx)).toEqual({
    applies: false,
    reason: '未达到使用门槛',
    shortFen: 500,
  });
  expect(fitCoupon(meat, [line(5000, 'fresh'), line(1500, 'meat'), line(500, 'meat')], ctx)).toEqual({
    applies: true,
    discountFen: 400,
    lineDiscounts: [0, 300, 100],
  });
  expect(fitCoupon(meat, [line(5000, 'fresh')], ctx)).toEqual({ applies: false, reason: '没有适用的商品' });
});

test('the validity window is whole Shanghai days: 23:59 on the last day still counts, midnight does not', () => {
  const t = terms({ validFrom: '2026-12-03', validTo: '2026-12-03' });
  expect(couponPhase(t, new Date('2026-12-02T15:59:59Z'))).toBe('upcoming'); // 23:59:59 on the 2nd in Shanghai
  expect(couponPhase(t, new Date('2026-12-02T16:00:00Z'))).toBe('valid');
  expect(couponPhase(t, new Date('2026-12-03T15:59:59Z'))).toBe('valid');
  expect(couponPhase(t, new Date('2026-12-03T16:00:00Z'))).toBe('expired');
  expect(fitCoupon(t, [line(5000)], { ...ctx, at: new Date('2026-12-03T16:00:00Z') })).toEqual({
    applies: false,
    reason: '已过期',
  });
  expect(fitCoupon(t, [line(5000)], { ...ctx, at: new Date('2026-12-02T15:00:00Z') })).toEqual({
    applies: false,
    reason: '2026-12-03 起可用',
  });
});

test('terms an admin cannot save are named', () => {
  const today = '2026-12-03';
  expect(couponTermsProblem(terms(), today)).toBeUndefined();
  expect(couponTermsProblem(terms({ thresholdFen: 500 }), today)).toBe('满减券的门槛须高于优惠金额');
  expect(couponTermsProblem(terms({ kind: 'fixed' }), today)).toBe('立减券没有使用门槛');
  expect(couponTermsProblem(terms({ kind: 'category' }), today)).toBe('品类券须选择适用类目');
  expect(couponTermsProblem(terms({ categoryIds: ['meat'] }), today)).toBe('只有品类券可以限定类目');
  expect(couponTermsProblem(terms({ validFrom: '2026-12-05', validTo: '2026-12-04' }), today)).toBe(
    '结束日期不能早于开始日期',
  );
  expect(couponTermsProblem(terms({ validFrom: '2026-11-01', validTo: '2026-12-02' }), today)).toBe('结束日期已过');
  expect(couponTermsProblem(terms({ offFen: 0 }), today)).toBe('优惠金额须为正的整数分');
});

test('a claim is refused paused, expired, at the per-resident limit, sold out, in that order', () => {
  const s = { status: 'active' as const, validTo: '2026-12-31', total: 100, claimed: 5, perResident: 1, held: 0 };
  expect(whyNotClaimed(s, AT)).toBeUndefined();
  expect(whyNotClaimed({ ...s, status: 'paused', claimed: 100 }, AT)).toBe('该优惠券已暂停领取');
  expect(whyNotClaimed({ ...s, validTo: '2026-12-02' }, AT)).toBe('该优惠券已过期');
  expect(whyNotClaimed({ ...s, held: 1, claimed: 100 }, AT)).toBe('每人限领 1 张');
  expect(whyNotClaimed({ ...s, claimed: 100 }, AT)).toBe('优惠券已领完');
});

const arbTerms: fc.Arbitrary<CouponTerms> = fc
  .record({
    kind: fc.constantFrom<CouponKind>('threshold', 'fixed', 'newResident', 'category'),
    offFen: fc.integer({ min: 1, max: 50_000 }),
    thresholdFen: fc.integer({ min: 0, max: 100_000 }),
    categoryIds: fc.subarray(['fresh', 'meat', 'dairy'], { minLength: 1 }),
  })
  .map((t) => ({
    ...t,
    thresholdFen: t.kind === 'fixed' ? 0 : t.kind === 'threshold' ? t.offFen + t.thresholdFen + 1 : t.thresholdFen,
    categoryIds: t.kind === 'category' ? t.categoryIds : [],
    validFrom: '2026-12-01',
    validTo: '2026-12-31',
  }));
const arbLines = fc.array(
  fc.record({ amountFen: fc.integer({ min: 1, max: 200_000 }), categoryId: fc.constantFrom('fresh', 'meat', 'dairy') }),
  { minLength: 1, maxLength: 12 },
);

test('property: per line paid + discount = list amount, never below 0; the order pays ≥ 1 fen; ≤ the face value', () => {
  fc.assert(
    fc.property(arbTerms, arbLines, fc.boolean(), (t, lines, firstOrder) => {
      expect(couponTermsProblem(t, '2026-12-03')).toBeUndefined();
      const fit = fitCoupon(t, lines, { at: AT, firstOrder });
      if (!fit.applies) return;
      expect(fit.lineDiscounts).toHaveLength(lines.length);
      expect(fit.lineDiscounts.reduce((a, b) => a + b, 0)).toBe(fit.discountFen);
      expect(fit.discountFen).toBeLessThanOrEqual(t.offFen);
      lines.forEach((l, i) => {
        const paid = l.amountFen - fit.lineDiscounts[i];
        expect(Number.isInteger(paid) && paid >= 0).toBe(true);
        if (t.kind === 'category' && !t.categoryIds.includes(l.categoryId)) expect(fit.lineDiscounts[i]).toBe(0);
      });
      const total = lines.reduce((s, l) => s + l.amountFen, 0);
      expect(total - fit.discountFen).toBeGreaterThanOrEqual(1);
    }),
  );
});

test('property: the default choice gives the largest discount of all that apply, and none when none applies', () => {
  fc.assert(
    fc.property(fc.array(arbTerms, { maxLength: 6 }), arbLines, (list, lines) => {
      const coupons = list.map((t, i) => ({ id: i, terms: t }));
      const fits = coupons.map((c) => fitCoupon(c.terms, lines, ctx));
      const best = bestCoupon(coupons, lines, ctx);
      const discounts = fits.flatMap((f) => (f.applies ? [f.discountFen] : []));
      if (!discounts.length) return expect(best).toBeUndefined();
      expect(best?.discountFen).toBe(Math.max(...discounts));
      expect(fits[best!.coupon.id]).toMatchObject({ applies: true, discountFen: best!.discountFen });
    }),
  );
});

test('of two equal discounts the one expiring first is chosen', () => {
  const late = { id: 'late', terms: terms({ validTo: '2026-12-31' }) };
  const soon = { id: 'soon', terms: terms({ validTo: '2026-12-10' }) };
  expect(bestCoupon([late, soon], [line(4000)], ctx)?.coupon.id).toBe('soon');
});

test('stacking: a platform coupon then a 团长券, each line paid + both shares = its list amount, ≥ 1 fen left to pay', () => {
  const platform = { terms: terms() };
  const leader = {
    terms: terms({ kind: 'fixed', offFen: 333, thresholdFen: 0, pickupPointId: 'pp-1' }),
    leaderId: 'l-1',
  };
  expect(whyNotTogether([platform, leader], false)).toBe('每笔订单只能使用一张优惠券');
  expect(whyNotTogether([platform, { terms: terms() }], true)).toBe('每笔订单最多使用一张平台券和一张团长券');
  expect(whyNotTogether([platform, leader], true)).toBeUndefined();
  const at = { ...ctx, pickupPointId: 'pp-1' };
  expect(fitCoupons([leader], [line(5000)], { ...ctx, pickupPointId: 'pp-2' })).toMatchObject({
    applies: false,
    reason: '仅限发券团长的自提点使用',
  });
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 6 }), (amounts) => {
      const lines = amounts.map((a) => line(a));
      const fit = fitCoupons([leader, platform], lines, at);
      if (!fit.applies) return;
      fit.lines.forEach((l, i) => expect(l.amountFen + (l.discountFen ?? 0)).toBe(amounts[i]));
      expect(fit.discountFen).toBe(fit.discounts[0] + fit.discounts[1]);
      expect(fit.lines.reduce((s, l) => s + l.amountFen, 0)).toBeGreaterThanOrEqual(1);
    }),
  );
  // The pair beats either alone when stacking is on; off, the single best.
  const lines = [line(4000)];
  expect(bestCombination([platform, leader], lines, at, true)).toEqual([platform, leader]);
  expect(bestCombination([platform, leader], lines, at, false)).toEqual([platform]);
});

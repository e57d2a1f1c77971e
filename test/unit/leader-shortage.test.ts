import fc from 'fast-check';
import { arrivalRefundNo, planShortage, type HeldLine } from '../../cloudfunctions/core/domain/leader-shortage';
import { fitCharacterString, fitThing, goodsSummary } from '../../cloudfunctions/core/domain/notice-text';

const line = (orderId: string, createdAt: number, qty: number, batchItemId = 'veg', priceFen = 290): HeldLine => ({
  orderId,
  orderNo: `no-${orderId}`,
  openid: `o-${orderId}`,
  createdAt,
  batchItemId,
  qty,
  bought: qty,
  amountFen: qty * priceFen,
});

describe('shortage rule: latest orders first, whole units', () => {
  test('the shortfall is taken from the newest orders, each giving up to all it holds', () => {
    const held = [line('a', 1, 2), line('b', 2, 3), line('c', 3, 1), line('d', 4, 1, 'egg', 2590)];
    const plan = planShortage(held, [{ batchItemId: 'veg', receivedQty: 5, damagedQty: 1 }]);
    expect(plan.refunds.map((r) => [r.orderId, r.qty, r.fen])).toEqual([
      ['c', 1, 290],
      ['b', 1, 290],
    ]);
    expect(plan.chargebacks).toEqual([
      { batchItemId: 'veg', qty: 1, reason: 'shortage' },
      { batchItemId: 'veg', qty: 1, reason: 'damage' },
    ]);
  });

  test('a line a coupon discounted refunds the units’ paid share, as the refund itself will', () => {
    // 3 × ¥5 with ¥1 of a coupon on the line: ¥14 paid; the newest unit back is 466 fen, not 500.
    const held = [{ ...line('a', 1, 3, 'veg', 500), amountFen: 1400 }];
    const plan = planShortage(held, [{ batchItemId: 'veg', receivedQty: 2, damagedQty: 0 }]);
    expect(plan.refunds.map((r) => [r.orderId, r.qty, r.fen])).toEqual([['a', 1, 466]]);
  });

  test('enough usable units, over-delivery and unlisted items refund nothing', () => {
    const held = [line('a', 1, 2), line('b', 2, 3)];
    expect(planShortage(held, [{ batchItemId: 'veg', receivedQty: 5, damagedQty: 0 }]).refunds).toEqual([]);
    // 7 delivered, 2 damaged: 5 usable for 5 ordered.
    expect(planShortage(held, [{ batchItemId: 'veg', receivedQty: 7, damagedQty: 2 }]).chargebacks).toEqual([]);
    expect(planShortage(held, []).refunds).toEqual([]);
  });

  test('ties on createdAt go to the larger order id first (deterministic)', () => {
    const plan = planShortage(
      [line('a', 1, 1), line('b', 1, 1)],
      [{ batchItemId: 'veg', receivedQty: 1, damagedQty: 0 }],
    );
    expect(plan.refunds.map((r) => r.orderId)).toEqual(['b']);
  });

  test('property: refunds cover exactly the shortfall, never more than an order holds, newest first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (qtys, received, damagedRaw) => {
          const damaged = Math.min(damagedRaw, received);
          const held = qtys.map((q, i) => line(`o${String(i).padStart(3, '0')}`, i, q));
          const ordered = qtys.reduce((a, b) => a + b, 0);
          const plan = planShortage(held, [{ batchItemId: 'veg', receivedQty: received, damagedQty: damaged }]);
          const shortfall = Math.max(0, ordered - (received - damaged));
          expect(plan.refunds.reduce((s, r) => s + r.qty, 0)).toBe(shortfall);
          expect(plan.chargebacks.reduce((s, c) => s + c.qty, 0)).toBe(shortfall);
          for (const r of plan.refunds) {
            const h = held.find((x) => x.orderId === r.orderId)!;
            expect(r.qty).toBeGreaterThan(0);
            expect(r.qty).toBeLessThanOrEqual(h.qty);
            expect(r.fen).toBe(r.qty * 290);
          }
          // Only the oldest refunded order may be partly refunded; all newer ones give everything.
          const created = plan.refunds.map((r) => held.find((x) => x.orderId === r.orderId)!.createdAt);
          expect(created).toEqual([...created].sort((a, b) => b - a));
          plan.refunds.slice(0, -1).forEach((r) => expect(r.qty).toBe(held.find((x) => x.orderId === r.orderId)!.qty));
        },
      ),
    );
  });

  test('refund numbers are deterministic and fit WeChat Pay (≤ 64 chars)', () => {
    expect(arrivalRefundNo('2611251234567890', 'batch-today-qingcai')).toBe(
      arrivalRefundNo('2611251234567890', 'batch-today-qingcai'),
    );
    expect(arrivalRefundNo('2611251234567890', 'batch-today-qingcai')).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(arrivalRefundNo('x', 'a')).not.toBe(arrivalRefundNo('x', 'b'));
  });
});

describe('notice values fit their keyword rules', () => {
  test('thing ≤ 20 characters, cut by code points with a mark', () => {
    expect(fitThing('阳光花园3栋门口')).toBe('阳光花园3栋门口');
    const long = fitThing('超级无敌新鲜的本地小青菜五百克一份装外加赠品😀😀');
    expect(Array.from(long)).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
    expect(fitThing('   ')).toBe('-');
    expect(
      Array.from(
        goodsSummary([
          { title: '精品五花肉 500g 冷鲜肉肥瘦相间', qty: 2 },
          { title: 'x', qty: 1 },
        ]),
      ),
    ).toHaveLength(20);
    expect(goodsSummary([{ title: '鸡蛋', qty: 1 }])).toBe('鸡蛋×1');
  });

  test('character_string keeps printable ASCII ≤ 32', () => {
    expect(fitCharacterString('2611251234567890')).toBe('2611251234567890');
    expect(fitCharacterString('订单A1 b2')).toBe('A1b2');
    expect(fitCharacterString('x'.repeat(40))).toHaveLength(32);
  });
});

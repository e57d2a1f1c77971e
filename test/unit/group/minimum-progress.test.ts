import { minimumProgress } from '../../../miniprogram/lib/group';

describe('成团 progress as a resident reads it', () => {
  test('an item without a minimum shows nothing', () => {
    expect(minimumProgress({ minQuantity: 0, countedQty: 7 })).toBeNull();
    expect(minimumProgress({ minQuantity: -3, countedQty: 7 })).toBeNull();
  });

  test('below the minimum while selling: how far along, and that it is refunded if not reached', () => {
    expect(minimumProgress({ minQuantity: 10, countedQty: 7 })).toEqual({
      percent: 70,
      tone: 'gathering',
      label: '已拼 7/10 件 · 未成团自动退款',
    });
    expect(minimumProgress({ minQuantity: 10, countedQty: 0, unit: '斤' })).toEqual({
      percent: 0,
      tone: 'gathering',
      label: '已拼 0/10 斤 · 未成团自动退款',
    });
  });

  test('the bar never rounds up to full before the minimum is reached', () => {
    expect(minimumProgress({ minQuantity: 1000, countedQty: 999 })?.percent).toBe(99);
    expect(minimumProgress({ minQuantity: 3, countedQty: 1 })?.percent).toBe(33);
  });

  test('reaching the minimum (or the scheduler saying it ran) reads 已成团 with a full bar', () => {
    expect(minimumProgress({ minQuantity: 10, countedQty: 10 })).toEqual({
      percent: 100,
      tone: 'reached',
      label: '已成团',
    });
    expect(minimumProgress({ minQuantity: 10, countedQty: 25 })?.label).toBe('已成团');
    expect(minimumProgress({ minQuantity: 10, countedQty: 10, outcome: 'ran' })?.label).toBe('已成团');
  });

  test('an item that did not run says so, and whether the money is on its way or back', () => {
    expect(minimumProgress({ minQuantity: 10, countedQty: 4, outcome: 'not_running', refunded: true })).toEqual({
      percent: 40,
      tone: 'failed',
      label: '未成团，已退款',
    });
    expect(minimumProgress({ minQuantity: 10, countedQty: 4, outcome: 'not_running' })?.label).toBe('未成团，退款中');
  });

  test('the decision wins over the count: a not-running item never reads 已成团', () => {
    // The live count (sold) also holds unpaid reservations; the scheduler decides on paid units.
    expect(minimumProgress({ minQuantity: 10, countedQty: 12, outcome: 'not_running', refunded: true })?.label).toBe(
      '未成团，已退款',
    );
  });

  test('odd counts are read as whole, non-negative units', () => {
    expect(minimumProgress({ minQuantity: 10, countedQty: -2 })?.label).toBe('已拼 0/10 件 · 未成团自动退款');
    expect(minimumProgress({ minQuantity: 10, countedQty: Number.NaN })?.percent).toBe(0);
  });
});

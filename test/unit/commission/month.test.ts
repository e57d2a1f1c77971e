import fc from 'fast-check';
import { shanghaiMonth, shanghaiMonthWindow } from '../../../cloudfunctions/core/domain/commission';

describe('Shanghai months', () => {
  test('a month starts at Shanghai midnight, which is 16:00 UTC the day before', () => {
    expect(shanghaiMonth(new Date('2025-01-31T15:59:59.999Z'))).toBe('2025-01');
    expect(shanghaiMonth(new Date('2025-01-31T16:00:00.000Z'))).toBe('2025-02');
    // Still January in UTC, already February for the leader.
    expect(new Date('2025-01-31T20:00:00Z').toISOString().slice(0, 7)).toBe('2025-01');
    expect(shanghaiMonth(new Date('2025-01-31T20:00:00Z'))).toBe('2025-02');
    expect(shanghaiMonth(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01');
  });

  test('window is [Shanghai 1st 00:00, next 1st 00:00) in UTC instants, leap February included', () => {
    expect(shanghaiMonthWindow('2024-02')).toEqual({
      from: new Date('2024-01-31T16:00:00Z'),
      to: new Date('2024-02-29T16:00:00Z'),
    });
    expect(shanghaiMonthWindow('2024-12').to).toEqual(new Date('2024-12-31T16:00:00Z'));
    expect(() => shanghaiMonthWindow('2024-13')).toThrow(RangeError);
    expect(() => shanghaiMonthWindow('2024-1')).toThrow(RangeError);
  });

  test('every instant lies in the window of its own month (UTC+8, no DST since 1991)', () => {
    const instants = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (d) => {
        const month = shanghaiMonth(d);
        expect(month).toBe(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7));
        const { from, to } = shanghaiMonthWindow(month);
        expect(from.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(to.getTime());
      }),
    );
  });
});

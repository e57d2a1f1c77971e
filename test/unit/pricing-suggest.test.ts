import {
  DEFAULT_ELASTICITY,
  estimateElasticity,
  suggestMarkdown,
  unitsAt,
} from '../../cloudfunctions/core/domain/pricing-suggest';

describe('智能定价', () => {
  it('recovers the elasticity of past batches whose sales follow price^-2', () => {
    const points = [1990, 2290, 2590, 2990].map((priceFen) => ({ priceFen, qty: 4e8 * priceFen ** -2 }));
    expect(estimateElasticity(points)).toEqual({ elasticity: expect.closeTo(-2, 6), batches: 4, r2: 1 });
  });

  it('falls back to the default without 3 batches at 2 prices, and clamps a price rise that sold more', () => {
    expect(
      estimateElasticity([
        { priceFen: 990, qty: 10 },
        { priceFen: 1290, qty: 8 },
      ]),
    ).toEqual({
      elasticity: DEFAULT_ELASTICITY,
      batches: 0,
      r2: null,
    });
    const same = [10, 12, 11].map((qty) => ({ priceFen: 990, qty }));
    expect(estimateElasticity(same).batches).toBe(0);
    const perverse = [990, 1290, 1590].map((priceFen) => ({ priceFen, qty: priceFen / 10 }));
    expect(estimateElasticity(perverse).elasticity).toBe(-0.2);
  });

  it('marks down an item that will not sell out, to the price that sells the rest, never deeper than 30 %', () => {
    // Half the window gone, 10 of 40 sold: 20 expected by cut-off, 20 left over.
    const m = suggestMarkdown({ priceFen: 2000, sold: 10, stock: 30, elapsed: 0.5 }, -2);
    expect(m).toMatchObject({ projectedSold: 20, projectedLeftover: 20 });
    // The rest of the window sells 10 at ¥20; 30 need (30/10)^(1/-2) = 0.577 of the price: capped at 0.7 → ¥14.00.
    expect(m.suggestedPriceFen).toBe(1400);
    expect(m.expectedSold).toBeCloseTo(10 + unitsAt(10, 2000, 1400, -2), 1);
    // A milder shortfall gets a milder markdown, rounded down to 10 fen.
    const mild = suggestMarkdown({ priceFen: 2000, sold: 30, stock: 20, elapsed: 0.75 }, -2);
    expect(mild.suggestedPriceFen).toBe(Math.floor((2000 * (20 / 10) ** (1 / -2)) / 10) * 10);
  });

  it('never marks down past 30 %, even where rounding to 10 fen would', () => {
    // ¥2.90 × 0.7 = ¥2.03: rounding down to ¥2.00 would be 31 % off.
    expect(suggestMarkdown({ priceFen: 290, sold: 3, stock: 197, elapsed: 0.5 }, -1.5).suggestedPriceFen).toBe(203);
  });

  it('suggests nothing when it will sell out, too early, too few sales, or after the window', () => {
    expect(suggestMarkdown({ priceFen: 2000, sold: 30, stock: 10, elapsed: 0.5 }, -2).suggestedPriceFen).toBeNull();
    expect(suggestMarkdown({ priceFen: 2000, sold: 5, stock: 95, elapsed: 0.1 }, -2).suggestedPriceFen).toBeNull();
    expect(suggestMarkdown({ priceFen: 2000, sold: 2, stock: 98, elapsed: 0.5 }, -2).suggestedPriceFen).toBeNull();
    expect(suggestMarkdown({ priceFen: 2000, sold: 10, stock: 90, elapsed: 1 }, -2).suggestedPriceFen).toBeNull();
  });
});

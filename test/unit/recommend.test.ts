import {
  buildModel,
  historiesOf,
  popularAt,
  recommend,
  type PurchaseRow,
} from '../../cloudfunctions/core/domain/recommend';

const rows = (openid: string, point: string, ...orders: string[][]): PurchaseRow[] =>
  orders.map((productIds) => ({ openid, pickupPointId: point, productIds }));

describe('猜你喜欢: co-purchase, buy again, and the point as a prior', () => {
  const history = [
    ...rows('a', 'p1', ['milk', 'bread'], ['milk']),
    ...rows('b', 'p1', ['milk', 'bread', 'eggs']),
    ...rows('c', 'p2', ['rice'], ['rice'], ['eggs']),
    ...rows('d', 'p2', ['rice']),
  ];
  const model = buildModel(history);
  const all = new Set(['milk', 'bread', 'eggs', 'rice', 'tea']);

  it('similarity is the cosine of the buyer sets, both ways', () => {
    // milk: a, b; bread: a, b → 1. eggs: b, c; milk: a, b → 1 / sqrt(2·2) = 0.5.
    expect(Object.fromEntries(model.similar.milk)).toEqual({ bread: 1, eggs: 0.5 });
    expect(Object.fromEntries(model.similar.eggs)).toEqual({ milk: 0.5, bread: 0.5, rice: 0.5 });
    expect(model.popularAt.p2).toEqual(['rice', 'eggs']);
    // Two buyers each: ties go by id.
    expect(model.popular).toEqual(['bread', 'eggs', 'milk', 'rice']);
  });

  it('a resident gets their staples and what buyers of them also bought, only among what is on sale', () => {
    const mine = historiesOf(rows('e', 'p2', ['milk'], ['milk'], ['tea']));
    expect(recommend(model, mine.get('e'), 'p2', all, 3)).toEqual(['milk', 'bread', 'eggs']);
    // Bread sold out: the list moves up and fills from the point's best sellers.
    expect(recommend(model, mine.get('e'), 'p2', new Set(['milk', 'eggs', 'rice']), 3)).toEqual([
      'milk',
      'eggs',
      'rice',
    ]);
  });

  it("a newcomer gets the point's best sellers, then everyone's; never more than asked or than on sale", () => {
    expect(popularAt(model, 'p2', all, 3)).toEqual(['rice', 'eggs', 'bread']);
    expect(recommend(model, undefined, 'nowhere', all, 2)).toEqual(['bread', 'eggs']);
    expect(recommend(model, undefined, 'p1', new Set(['tea']), 10)).toEqual([]);
  });
});

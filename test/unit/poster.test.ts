import fc from 'fast-check';
import {
  batchPoster,
  coverSource,
  itemPoster,
  POSTER_HEIGHT,
  POSTER_WIDTH,
  wrapText,
  type DrawOp,
  type Font,
} from '../../miniprogram/lib/poster';

/** Every character as wide as the font is high (CJK glyphs are about that). */
const measure = (text: string, font: Font) => [...text].length * font.size;

const point = {
  leaderName: '王阿姨',
  pointName: '阳光花园3栋门口',
  pointAddress: '上海市浦东新区锦绣路1500弄阳光花园3栋',
  qr: '/tmp/qr.png',
};
const item = {
  ...point,
  title: '东北五常大米',
  priceFen: 2590,
  originalPriceFen: 3290,
  unit: '袋',
  image: '/tmp/rice.jpg',
};

const texts = (ops: DrawOp[]) => ops.flatMap((o) => (o.op === 'text' ? [o] : []));
const textOf = (ops: DrawOp[]) => texts(ops).map((o) => o.text);

function expectInside(ops: DrawOp[]) {
  for (const o of ops) {
    expect({ o, inside: o.x >= 0 && o.y >= 0 && o.x + o.w <= POSTER_WIDTH && o.y + o.h <= POSTER_HEIGHT }).toEqual({
      o,
      inside: true,
    });
  }
}

test('wrapText breaks by characters, ends the last allowed line in … and never exceeds the width', () => {
  const width = (s: string) => [...s].length * 10;
  expect(wrapText('一二三四五六七', 30, 3, width)).toEqual(['一二三', '四五六', '七']);
  expect(wrapText('一二三四五六七', 30, 2, width)).toEqual(['一二三', '四五…']);
  expect(wrapText('  短  ', 30, 2, width)).toEqual(['短']);
  expect(wrapText('', 30, 2, width)).toEqual([]);
  expect(wrapText('一二', 9, 2, width)).toEqual([]);
  fc.assert(
    fc.property(
      fc.string({ maxLength: 80 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 4 }),
      (s, cols, max) => {
        const lines = wrapText(s, cols * 10, max, width);
        expect(lines.length).toBeLessThanOrEqual(max);
        for (const line of lines) expect(width(line)).toBeLessThanOrEqual(cols * 10);
      },
    ),
  );
});

test('a long title wraps to 2 lines ending in …; a short one is one line', () => {
  const long = '新疆阿克苏冰糖心苹果一级果大果径85mm以上脆甜多汁整箱10斤装产地直发包邮到家';
  const ops = itemPoster({ ...item, title: long }, measure);
  const title = texts(ops).filter((o) => o.size === 36 && o.bold);
  expect(title).toHaveLength(2);
  expect(title[0].text.length + title[1].text.length).toBeLessThan(long.length);
  expect(long.startsWith(title[0].text + title[1].text.slice(0, -1))).toBe(true);
  expect(title[1].text.endsWith('…')).toBe(true);
  expect(title[1].y).toBeGreaterThan(title[0].y);
  expect(texts(itemPoster(item, measure)).filter((o) => o.size === 36 && o.bold)).toHaveLength(1);
  expectInside(ops);
});

test('the item poster: picture, prices in yuan from fen with the original struck through, the point and the code', () => {
  const ops = itemPoster(item, measure);
  expect(textOf(ops)).toEqual(
    expect.arrayContaining([
      '东北五常大米',
      '团购价',
      '¥25.90',
      '¥32.90',
      '/袋',
      '团长：王阿姨',
      '自提点：阳光花园3栋门口',
      '长按识别小程序码',
    ]),
  );
  const images = ops.filter((o) => o.op === 'image');
  expect(images.map((o) => o.src)).toEqual(['/tmp/rice.jpg', '/tmp/qr.png']);
  // The 小程序码 is square and big enough to scan.
  const qr = images[1];
  expect(qr.w).toBe(qr.h);
  expect(qr.w).toBeGreaterThanOrEqual(160);
  // The strike line crosses the original price.
  const original = texts(ops).find((o) => o.text === '¥32.90')!;
  expect(ops).toContainEqual(expect.objectContaining({ op: 'rect', x: original.x, w: original.w, h: 2 }));
  // No original price (or not above the price): no struck price.
  const plain = textOf(itemPoster({ ...item, priceFen: 5, originalPriceFen: 5 }, measure));
  expect(plain).toContain('¥0.05');
  expect(plain.filter((t) => t.startsWith('¥'))).toEqual(['¥0.05']);
  expect(() => itemPoster({ ...item, priceFen: 25.9 }, measure)).toThrow(RangeError);
  expectInside(ops);
});

test('the day poster lists at most 6 items and says 等 M 件 of the rest; every op stays on the canvas', () => {
  const items = Array.from({ length: 9 }, (_, i) => ({
    title: `第${i + 1}号商品 很长很长很长很长很长很长很长很长很长很长的名字`,
    priceFen: 100 * (i + 1) + 5,
    image: `/tmp/${i}.jpg`,
  }));
  const data = { ...point, title: '12月4日 团购', pickupDate: '2026-12-05', items };
  const ops = batchPoster(data, measure);
  const shown = ops.filter((o) => o.op === 'image').map((o) => o.src);
  expect(shown).toEqual([
    '/tmp/0.jpg',
    '/tmp/1.jpg',
    '/tmp/2.jpg',
    '/tmp/3.jpg',
    '/tmp/4.jpg',
    '/tmp/5.jpg',
    '/tmp/qr.png',
  ]);
  expect(textOf(ops)).toEqual(
    expect.arrayContaining(['¥1.05', '¥6.05', '等 9 件好物，扫码下单', '王阿姨的团购 · 2026-12-05 自提']),
  );
  expect(textOf(ops)).not.toContain('¥7.05');
  // Item titles are one line each, cut with …
  expect(textOf(ops).filter((t) => t.startsWith('第'))).toHaveLength(6);
  expect(
    textOf(ops)
      .filter((t) => t.startsWith('第'))
      .every((t) => t.endsWith('…')),
  ).toBe(true);
  expectInside(ops);
  // All shown: no 等.
  const few = textOf(batchPoster({ ...data, items: items.slice(0, 3) }, measure));
  expect(few.some((t) => t.includes('等'))).toBe(false);
  expect(few).toContain('扫码下单，次日自提');
});

test('whatever the words and prices, nothing is drawn outside the 750×1200 canvas', () => {
  const words = fc.string({ minLength: 0, maxLength: 120 });
  const price = fc.integer({ min: 0, max: 100_000_000 });
  fc.assert(
    fc.property(words, words, words, price, price, fc.integer({ min: 0, max: 20 }), (title, name, address, p, o, n) => {
      const data = { ...point, leaderName: name, pointName: name, pointAddress: address };
      expectInside(itemPoster({ ...data, title, priceFen: p, originalPriceFen: o, image: 'x', unit: name }, measure));
      const items = Array.from({ length: n }, () => ({ title, priceFen: p, image: 'x' }));
      expectInside(batchPoster({ ...data, title, pickupDate: '2026-12-05', items }, measure));
    }),
    { numRuns: 60 },
  );
});

test('cover-fit keeps the middle of a picture at the box proportions', () => {
  expect(coverSource(1000, 500, 100, 100)).toEqual({ sx: 250, sy: 0, sw: 500, sh: 500 });
  expect(coverSource(300, 900, 200, 100)).toEqual({ sx: 0, sy: 375, sw: 300, sh: 150 });
  expect(coverSource(400, 400, 200, 200)).toEqual({ sx: 0, sy: 0, sw: 400, sh: 400 });
});

import { BAD_GOODS_PROMISE } from '../../typings/product-info';
import { ADMIN, RES1, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

// 商品信息 (issue 12 item 7): 产地, 资质图片, 保质期, 储存方式, 坏品包赔 through products.save and catalog.item.
jest.setTimeout(60_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('product-info-env');
}, 60_000);
afterAll(() => w?.stop());

const item = (batchItemId: string) => w.call('catalog', { action: 'item', batchItemId }, RES1);

test('the seed carries 商品信息 and the resident item page receives it', async () => {
  const res = await item('batch-today-pork');
  expect(res.ok).toBe(true);
  expect(res.data).toMatchObject({
    origin: '浙江金华',
    shelfLife: '冷藏 3 天',
    storage: { mode: 'chilled', note: '0-4℃，冷冻可存 3 个月' },
    certImages: ['/images/certs/pork-quarantine.jpg', '/images/certs/pork-inspection.jpg'],
    badGoodsPromise: BAD_GOODS_PROMISE,
  });
  expect(res.data.costFen).toBeUndefined();
  // Not covered: no promise on the page.
  const rice = await item('batch-today-rice');
  expect(rice.data.badGoodsPromise).toBeUndefined();
  expect(rice.data.origin).toBe('黑龙江五常');
});

test('an admin saves 商品信息, catalog.item shows it; left out keeps it, empty clears it', async () => {
  const base = await w.ok('products.get', { id: 'p-tomato' });
  const { status: _s, updatedAt: _u, ...input } = base;
  const saved = await w.ok('products.save', {
    ...input,
    origin: ' 新疆吐鲁番 ',
    shelfLife: '冷藏 7 天',
    storage: { mode: 'frozen', note: '-18℃' },
    certImages: ['cloud://env.bucket/certs/a.jpg', 'cloud://env.bucket/certs/b.jpg'],
    badGoodsCover: true,
  });
  expect(saved).toMatchObject({
    origin: '新疆吐鲁番',
    shelfLife: '冷藏 7 天',
    storage: { mode: 'frozen', note: '-18℃' },
  });
  expect((await w.doc('products', 'p-tomato')).certImages).toEqual([
    'cloud://env.bucket/certs/a.jpg',
    'cloud://env.bucket/certs/b.jpg',
  ]);
  const shown = await item('batch-today-tomato');
  expect(shown.data).toMatchObject({
    origin: '新疆吐鲁番',
    storage: { mode: 'frozen', note: '-18℃' },
    certImages: ['cloud://env.bucket/certs/a.jpg', 'cloud://env.bucket/certs/b.jpg'],
    badGoodsPromise: BAD_GOODS_PROMISE,
  });

  // A caller that sends none of them (an old console, the supplier's minimal form) keeps them.
  const { origin: _o, shelfLife: _l, storage: _st, certImages: _c, badGoodsCover: _b, ...plain } = input;
  const kept = await w.ok('products.save', { ...plain, title: '自然熟西红柿' });
  expect(kept.origin).toBe('新疆吐鲁番');
  expect(kept.certImages).toHaveLength(2);

  const cleared = await w.ok('products.save', {
    ...plain,
    origin: '',
    shelfLife: '',
    storage: null,
    certImages: [],
    badGoodsCover: false,
  });
  for (const k of ['origin', 'shelfLife', 'storage', 'certImages', 'badGoodsCover']) expect(cleared[k]).toBeUndefined();
  const bare = await item('batch-today-tomato');
  expect(bare.data.certImages).toEqual([]);
  expect(bare.data.origin).toBeUndefined();
  expect(bare.data.badGoodsPromise).toBeUndefined();
});

test('bad 商品信息 gets INVALID_INPUT naming the field and changes nothing', async () => {
  const base = await w.ok('products.get', { id: 'p-egg' });
  const { status: _s, updatedAt: _u, ...input } = base;
  const before = await w.dump('products');
  const seven = Array.from({ length: 7 }, (_, i) => `cloud://env.bucket/certs/${i}.jpg`);
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ certImages: seven }, /资质\/检测报告图片最多 6 项/],
    [{ origin: '产'.repeat(31) }, /产地不能超过 30 个字/],
    [{ shelfLife: '天'.repeat(21) }, /保质期不能超过 20 个字/],
    [{ storage: { mode: 'warm' } }, /储存方式不是可选的值/],
    [{ storage: { mode: 'chilled', note: '冷'.repeat(41) } }, /储存说明不能超过 40 个字/],
    [{ certImages: ['https://evil.example/a.jpg'] }, /资质图片必须是云存储文件/],
    [{ badGoodsCover: '是' }, /坏品包赔/],
  ];
  for (const [bad, message] of cases) {
    const res = await w.admin('products.save', { ...input, ...bad });
    expect(res.code).toBe('INVALID_INPUT');
    expect(res.message).toMatch(message);
  }
  expect(await w.dump('products')).toBe(before);
});

test("a supplier's submission carries 商品信息 into review; a stranger cannot save", async () => {
  const created = await w.ok(
    'products.save',
    {
      title: '千岛湖有机鱼头',
      categoryId: 'fresh',
      unit: '个',
      images: ['cloud://env.bucket/products/fish.jpg'],
      origin: '浙江淳安',
      shelfLife: '冷冻 6 个月',
      storage: { mode: 'frozen', note: '-18℃ 以下' },
      certImages: ['cloud://env.bucket/certs/fish.jpg'],
      badGoodsCover: true,
    },
    SUPPLIER,
  );
  expect(created).toMatchObject({
    status: 'pending',
    supplierId: 'sup-veg',
    origin: '浙江淳安',
    storage: { mode: 'frozen', note: '-18℃ 以下' },
    certImages: ['cloud://env.bucket/certs/fish.jpg'],
    badGoodsCover: true,
  });
  const reviewed = await w.ok('products.get', { id: created._id }, ADMIN);
  expect(reviewed.shelfLife).toBe('冷冻 6 个月');

  const before = await w.dump('products');
  const input = { title: 'x', categoryId: 'fresh', supplierId: 'sup-veg', unit: '份', images: ['cloud://a/b.jpg'] };
  expect((await w.admin('products.save', { ...input, origin: '某地' }, undefined)).code).toBe('UNAUTHENTICATED');
  expect((await w.admin('products.save', { ...input, origin: '某地' }, RES1)).code).toBe('FORBIDDEN');
  expect(await w.dump('products')).toBe(before);
});

import { NOT_ADMINS, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * Bulk product import (the console's Excel sheet), all or nothing: one bad row
 * stores nothing and every problem is answered with its sheet row.
 */
jest.setTimeout(60_000);
const env = 'product-import-env';
let w: AdminWorld;

beforeAll(async () => {
  w = await startAdminWorld(env);
}, 60_000);
afterAll(() => w?.stop());

const row = (line: number, title: string, extra: Record<string, unknown> = {}) => ({
  line,
  title,
  category: '生鲜',
  supplier: '城南蔬菜基地',
  unit: '份',
  images: ['/images/products/tomato.jpg'],
  ...extra,
});

test('one bad row stores nothing; every problem names its sheet row and column', async () => {
  const before = await w.dump('products');
  const res = await w.ok('products.import', {
    requestId: 'import-bad-0001',
    rows: [
      row(2, '樱桃番茄 500g'),
      row(3, '紫甘蓝', { category: '冻品' }),
      row(4, '土豆 2斤', { supplier: '不存在的供应商' }),
      row(5, '本地小青菜 500g'),
      row(6, '樱桃番茄 500g'),
    ],
  });
  expect(res.imported).toBe(0);
  expect(res.errors.map((e: any) => [e.line, e.field])).toEqual([
    [3, '类目'],
    [4, '供应商'],
    [5, '商品名称'],
    [6, '商品名称'],
  ]);
  expect(res.errors[0].message).toContain('冻品');
  expect(await w.dump('products')).toBe(before);
});

test('a clean sheet stores every row as an active product; a retried import stores them once', async () => {
  const input = {
    requestId: 'import-good-0001',
    rows: [
      row(2, '樱桃番茄 500g', { description: '酸甜可口' }),
      row(3, '东北大米 10kg', { category: 'grain', supplier: 'sup-oil', unit: '袋' }),
    ],
  };
  expect(await w.ok('products.import', input)).toEqual({ imported: 2, errors: [] });
  expect(await w.ok('products.import', input)).toEqual({ imported: 2, errors: [] });
  const found = await w.find('products', { title: '樱桃番茄 500g' });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    categoryId: 'fresh',
    supplierId: 'sup-veg',
    status: 'active',
    description: '酸甜可口',
  });
  expect(await w.find('products', { title: '东北大米 10kg' })).toEqual([
    expect.objectContaining({ categoryId: 'grain', supplierId: 'sup-oil', unit: '袋' }),
  ]);
  // Another sheet with the same title for the same supplier is a duplicate now.
  const again = await w.ok('products.import', { requestId: 'import-good-0002', rows: [row(2, '樱桃番茄 500g')] });
  expect(again.errors).toEqual([{ line: 2, field: '商品名称', message: '该供应商已有同名商品' }]);
});

test('a row the schema refuses is INVALID_INPUT; suppliers, residents and strangers are refused; nothing stored', async () => {
  const before = await w.dump('products');
  for (const rows of [[row(2, '')], [row(2, 'x', { images: [] })], [row(2, 'x', { images: ['http://x/y.jpg'] })], []])
    expect((await w.admin('products.import', { requestId: 'import-bad-0002', rows })).code).toBe('INVALID_INPUT');
  const input = { requestId: 'import-who-0001', rows: [row(2, '紫薯 1kg')] };
  expect((await w.admin('products.import', input, SUPPLIER)).code).toBe('FORBIDDEN');
  for (const [, openid, code] of NOT_ADMINS) expect((await w.admin('products.import', input, openid)).code).toBe(code);
  expect(await w.dump('products')).toBe(before);
});

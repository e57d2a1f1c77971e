import { NOT_ADMINS, RES1, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * 首页轮播图: the admin sets the home banners in the console's 设置
 * (admin settings.banners); residents get the ones switched on, in order
 * (catalog.banners). Bad input and callers who are not admins change nothing.
 */
jest.setTimeout(60_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('banners-env');
}, 60_000);
afterAll(() => w?.stop());

const SALE = { image: 'cloud://banners-env.bucket/banners/grape.jpg', link: { kind: 'item', productId: 'p-grape' } };
const APPLY = {
  image: 'cloud://banners-env.bucket/banners/leader.png',
  link: { kind: 'page', page: 'packages/leader/apply/index' },
};
const PLAIN = { image: 'cloud://banners-env.bucket/banners/plain.webp' };
const GRAPE_LINK = { kind: 'item', productId: 'p-grape', title: '阳光玫瑰葡萄' };
const shown = async () => {
  const res = await w.call('catalog', { action: 'banners' }, RES1);
  expect(res.ok).toBe(true);
  return res.data.banners;
};

test('none set: the home shows none', async () => {
  expect(await shown()).toEqual([]);
  expect((await w.ok('settings.get')).banners).toEqual([]);
});

test('the admin sets, orders and switches banners; residents see those on, in order, with the product’s own title', async () => {
  const saved = await w.ok('settings.banners', {
    banners: [
      { ...APPLY, enabled: true },
      { ...PLAIN, enabled: false },
      // A title the client sends is not what is stored: the product's is.
      { ...SALE, link: { ...SALE.link, title: '假标题' }, enabled: true },
    ],
  });
  const all = [
    { ...APPLY, enabled: true },
    { ...PLAIN, enabled: false },
    { ...SALE, link: GRAPE_LINK, enabled: true },
  ];
  expect(saved.banners).toEqual(all);
  expect((await w.ok('settings.get')).banners).toEqual(all);
  expect(await shown()).toEqual([APPLY, { ...SALE, link: GRAPE_LINK }]);

  await w.ok('settings.banners', {
    banners: [
      { ...SALE, enabled: true },
      { ...PLAIN, enabled: true },
      { ...APPLY, enabled: false },
    ],
  });
  expect(await shown()).toEqual([{ ...SALE, link: GRAPE_LINK }, PLAIN]);
});

test('bad input is refused with a clear reason and nothing changes', async () => {
  await w.db
    .collection('products')
    .doc('p-tomato')
    .update({ data: { status: 'disabled' } });
  const before = await w.dump('settings');
  const on = (b: Record<string, unknown>) => ({ ...PLAIN, enabled: true, ...b });
  const cases: Array<[string, unknown, string, string]> = [
    ['six banners', Array.from({ length: 6 }, () => on({})), 'INVALID_INPUT', '轮播图'],
    ['a picture from the web', [on({ image: 'https://example.com/x.jpg' })], 'INVALID_INPUT', '轮播图图片'],
    ['no picture', [{ enabled: true }], 'INVALID_INPUT', '轮播图图片'],
    [
      'a page the mini-program has not',
      [on({ link: { kind: 'page', page: 'pages/evil/index' } })],
      'INVALID_INPUT',
      '链接页面',
    ],
    ['a web link', [on({ link: { kind: 'url', url: 'https://example.com' } })], 'INVALID_INPUT', '链接类型'],
    ['no on/off', [PLAIN], 'INVALID_INPUT', '是否展示'],
    ['not a list', 'x', 'INVALID_INPUT', '轮播图'],
    ['an unknown product', [on({ link: { kind: 'item', productId: 'p-nope' } })], 'NOT_FOUND', '商品不存在'],
    ['a product off sale', [on({ link: { kind: 'item', productId: 'p-tomato' } })], 'INVALID_STATE', '未上架'],
  ];
  for (const [what, banners, code, words] of cases) {
    const res = await w.admin('settings.banners', { banners });
    expect({ what, code: res.code }).toEqual({ what, code });
    expect({ what, message: res.message }).toEqual({ what, message: expect.stringContaining(words) });
  }
  expect(await w.dump('settings')).toBe(before);
  expect(await shown()).toEqual([{ ...SALE, link: GRAPE_LINK }, PLAIN]);
});

test.each(NOT_ADMINS)('a %s may not set banners, and nothing changes', async (_who, openid, code) => {
  const before = await w.dump('settings');
  const res = await w.admin('settings.banners', { banners: [] }, openid);
  expect({ ok: res.ok, code: res.code }).toEqual({ ok: false, code });
  expect(await w.dump('settings')).toBe(before);
});

test('a stranger without a WeChat identity gets no banners', async () => {
  expect((await w.call('catalog', { action: 'banners' })).code).toBe('UNAUTHENTICATED');
});

/**
 * How heavy the busiest pages are for the view layer, in miniprogram-simulate:
 * every setData payload the page sends while it opens (JSON bytes; the first
 * screen's data crosses from the logic layer to the view layer this way), and
 * the number of WXML nodes rendered, Vant components' inner nodes included.
 *   home: 50 items in the open batch (5 categories, each item bought by some neighbours), 3 banners and
 *   tomorrow's batch behind 明日预告; cart: 20 lines; leader checklist: a point
 *   with 500 orders (50 residents × 10 orders × 3 lines), first page as the
 *   leader function answers it (20 residents).
 * Budgets: home 32 KB for the largest setData and 600 nodes. Prints one JSON line.
 *
 *   npm run bench:pages
 */
import simulate from 'miniprogram-simulate';
import { resetWx } from '../../test/miniprogram/setup';
import { flush, loadComponent } from '../../test/miniprogram/helpers';
import { stubApi } from '../../test/miniprogram/api';
import { BATCH, BATCHES, EGGS, ME } from '../../test/miniprogram/fixtures/demo';
import { CHECKLIST, LEADER_BATCHES, LEADER_ME } from '../../test/miniprogram/fixtures/leader';
import { cartStore } from '../../miniprogram/stores/cart';
import type { BatchItemView } from '../../typings/api';
import type { ChecklistResult } from '../../typings/leader';

const BUDGET = { homeSetDataBytes: 32 * 1024, homeNodes: 600 };

const CATEGORY_IDS = ['c-fresh', 'c-fruit', 'c-dairy', 'c-grain', 'c-daily'];
const items: BatchItemView[] = Array.from({ length: 50 }, (_v, i) => ({
  ...EGGS,
  _id: `bi-${i}`,
  productId: `p-${i}`,
  title: `团购商品 ${i + 1} 新鲜直采 产地直发`,
  image: `cloud://local-env.tuangou/products/p-${i}.jpg`,
  priceFen: 990 + i * 10,
  originalPriceFen: 1290 + i * 10,
  sold: i * 3,
  stock: 200 - i,
  limitPerUser: i % 3 === 0 ? 2 : 0,
  remainingLimit: i % 3 === 0 ? 2 : null,
  minQuantity: i % 5 === 0 ? 10 : 0,
  ...(i % 5 === 0 ? { minimum: { paidQty: i % 10 } } : {}),
  categoryId: CATEGORY_IDS[i % CATEGORY_IDS.length],
  neighbours: i * 7 + 1,
}));
const categories = CATEGORY_IDS.map((_id, i) => ({ _id, name: ['生鲜', '水果', '乳品', '粮油', '日用品'][i] }));
const banners = Array.from({ length: 3 }, (_v, i) => ({
  image: `cloud://local-env.tuangou/banners/20261203/1764763200000-banner${i}.jpg`,
  link: { kind: 'item' as const, productId: `p-${i}`, title: `团购商品 ${i + 1} 新鲜直采 产地直发` },
}));
const tomorrow = {
  ...BATCH,
  _id: 'batch-2',
  title: '明日团购',
  phase: 'upcoming' as const,
  opensAt: new Date(Date.now() + 20 * 3600_000).toISOString(),
};
const HOME_ROUTES = {
  'catalog.batches': { ...BATCHES, upcoming: [tomorrow] },
  'catalog.items': { batch: BATCH, items, categories },
  'catalog.banners': { banners },
  'user.me': ME,
};

function checklistPage(): ChecklistResult {
  const residents = Array.from({ length: 50 }, (_v, r) => ({
    n: `居民${r + 1}`,
    t: String(1000 + r),
    d: 0 as const,
    o: Array.from({ length: 10 }, (_w, o) => ({
      id: `order-${r}-${o}`,
      no: `2024052000${String(r * 10 + o).padStart(4, '0')}`,
      s: 'arrived' as const,
      l: [
        [0, 2, 0, 0],
        [1, 1, 0, 0],
        [2, 3, 0, 0],
      ] as [number, number, number, number][],
    })),
  }));
  return {
    ...CHECKLIST,
    pageSize: 20,
    hasMore: true,
    it: [...CHECKLIST.it, ['bi-apples', '烟台红富士苹果 5斤', '袋']],
    r: residents.slice(0, 20),
  };
}

interface Measured {
  setDataCalls: number;
  maxSetDataBytes: number;
  totalSetDataBytes: number;
  nodes: number;
}

/** Renders a page, records its setData payloads from before attach to settled, counts nodes. */
async function measure(pagePath: string, query: Record<string, string> = {}): Promise<Measured> {
  const page = simulate.render(loadComponent(pagePath));
  const instance = page.instance as any;
  const sizes: number[] = [];
  const setData = instance.setData.bind(instance);
  instance.setData = (data: Record<string, unknown>, cb?: () => void) => {
    sizes.push(Buffer.byteLength(JSON.stringify(data)));
    return setData(data, cb);
  };
  page.attach(document.createElement('parent-wrapper'));
  await instance.onLoad?.(query);
  await instance.onShow?.();
  await flush();
  const nodes = (page.dom as Element).querySelectorAll('*').length;
  page.detach();
  return {
    setDataCalls: sizes.length,
    maxSetDataBytes: Math.max(0, ...sizes),
    totalSetDataBytes: sizes.reduce((a, b) => a + b, 0),
    nodes,
  };
}

const results: Record<string, Measured> = {};

test('home with 50 items', async () => {
  resetWx();
  stubApi(HOME_ROUTES);
  results.home = await measure('pages/home/index');
  expect(results.home.nodes).toBeGreaterThan(50);
});

test('cart with 20 lines', async () => {
  resetWx();
  cartStore.clear();
  for (const item of items.slice(0, 20)) {
    cartStore.add({
      batchItemId: item._id,
      batchId: item.batchId,
      title: item.title,
      image: item.image,
      priceFen: item.priceFen,
    });
  }
  stubApi(HOME_ROUTES);
  results.cart = await measure('pages/cart/index');
  expect(results.cart.nodes).toBeGreaterThan(20);
});

test('leader checklist of a 500-order point', async () => {
  resetWx();
  stubApi({ 'leader.batches': LEADER_BATCHES, 'leader.checklist': checklistPage(), 'user.me': LEADER_ME });
  results.checklist = await measure('packages/leader/checklist/index', { batchId: 'batch-1' });
  expect(results.checklist.nodes).toBeGreaterThan(20);
});

afterAll(() => {
  const withinBudget =
    results.home.maxSetDataBytes <= BUDGET.homeSetDataBytes && results.home.nodes <= BUDGET.homeNodes;
  process.stdout.write(`${JSON.stringify({ ...results, budget: BUDGET, withinBudget })}\n`);
  if (!withinBudget) process.exitCode = 1;
});

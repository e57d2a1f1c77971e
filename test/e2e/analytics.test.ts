import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, logIn, root, shanghaiDay, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 用户行为 (issue 15): residents' events through the gateway and a paid order,
 * then the admin reads the funnel, the cohorts and the community activity as
 * the console shows them, against what the functions answer.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  w = await startConsoleWorld('analytics-env', path.join(root, 'test-results', 'e2e-analytics'));
  page = w.page;
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});
afterAll(async () => {
  await w?.stop();
});

const totals = async () =>
  (await w.ok('admin', { action: 'analytics.funnel', from: shanghaiDay(-6), to: shanghaiDay() }, ADMIN)).total;
const cells = async (table: string) =>
  (await page.locator(`[data-test=${table}] .el-table__body .el-table__row`).allInnerTexts()).map((r) =>
    r.split('\t').map((c) => c.trim()),
  );

test('the funnel, cohorts and community activity show what residents did this week', async () => {
  const before = await totals();
  const at = new Date().toISOString();
  const view = { type: 'view', batchId: 'batch-today', at };
  await w.ok(
    'events',
    { action: 'track', events: [view, view, { type: 'cart', batchId: 'batch-today', at }] },
    'oRESIDENT1',
  );
  await w.ok('events', { action: 'track', events: [view] }, 'oRESIDENT2');
  // 张三 pays an order at 阳光花园.
  const { items } = await w.ok('catalog', { action: 'items', batchId: 'batch-today' }, 'oRESIDENT1');
  const eggs = items.find((i: any) => i.productId === 'p-egg');
  const order = await w.ok(
    'order',
    {
      action: 'create',
      clientRequestId: `analytics-${Date.now()}`,
      batchId: 'batch-today',
      lines: [{ batchItemId: eggs._id, qty: 1 }],
    },
    'oRESIDENT1',
  );
  await w.ok('pay', { action: 'prepare', orderId: order._id }, 'oRESIDENT1');
  await w.running.cloud.pay.simulatePay(w.env, order.orderNo);
  const after = await totals();
  expect({
    viewed: after.viewed - before.viewed,
    carted: after.carted - before.carted,
    ordered: after.ordered - before.ordered,
  }).toEqual({ viewed: 2, carted: 1, ordered: 1 });

  await page.locator('.el-menu-item', { hasText: '用户行为' }).click();
  await page.waitForURL(/#\/analytics/);

  // Each step with its resident-days, as the function answers them for the last 7 days.
  await eventually(async () =>
    expect(await cells('funnel-steps')).toEqual([
      ['浏览商品', String(after.viewed), '100%'],
      ['加入购物车', String(after.carted), `${Math.round((after.carted / after.viewed) * 1000) / 10}%`],
      ['去结算', String(after.checkout), `${Math.round((after.checkout / after.viewed) * 1000) / 10}%`],
      ['支付下单', String(after.ordered), `${Math.round((after.ordered / after.viewed) * 1000) / 10}%`],
      ['到点取货', String(after.pickedUp), `${Math.round((after.pickedUp / after.viewed) * 1000) / 10}%`],
    ]),
  );
  expect(await page.locator('[data-chart=funnel] canvas').count()).toBeGreaterThan(0);
  // Newest first: today's row on top of the first page.
  expect((await cells('funnel-days'))[0][0]).toBe(shanghaiDay());

  // 阳光花园 had an order from one of its residents this week.
  const points = await w.ok('admin', { action: 'analytics.points' }, ADMIN);
  const sunshine = points.points.find((p: any) => p.pickupPointId === 'pp-sunshine');
  expect(sunshine.ordering).toBeGreaterThanOrEqual(1);
  await eventually(async () =>
    expect((await cells('points')).find((r) => r[0] === '阳光花园3栋门口')).toEqual([
      '阳光花园3栋门口',
      String(sunshine.residents),
      String(sunshine.ordering),
      `${Math.round(sunshine.activeRate * 100)}%`,
      String(sunshine.shareOpens),
    ]),
  );
  // This week's cohort counts 张三 (a first paid order this week) unless the demo had one before.
  const { cohorts } = await w.ok('admin', { action: 'analytics.cohorts', weeks: 8 }, ADMIN);
  await eventually(async () =>
    expect((await cells('cohorts')).map((r) => r.slice(0, 2))).toEqual(
      cohorts.map((c: any) => [c.week, String(c.residents)]),
    ),
  );
  await w.shot('analytics');
});

test('智能定价: an item that will not sell out gets a markdown; 采纳 lowers its price for new orders', async () => {
  const batch = (await w.ok('catalog', { action: 'batches' }, 'oRESIDENT2')).open.find(
    (b: any) => b._id === 'batch-today',
  );
  const { items } = await w.ok('catalog', { action: 'items', batchId: 'batch-today' }, 'oRESIDENT2');
  const qingcai = items.find((i: any) => i.productId === 'p-qingcai');
  await w.ok(
    'order',
    {
      action: 'create',
      clientRequestId: `pricing-${Date.now()}`,
      batchId: 'batch-today',
      lines: [{ batchItemId: qingcai._id, qty: 3 }],
    },
    'oRESIDENT2',
  );
  // Halfway through the selling window, 3 of 200 sold: most of it would be left at cut-off.
  const opensAt = Date.parse(batch.opensAt);
  w.running.cloud.clock.set(Math.max(Date.now(), opensAt + (Date.parse(batch.cutoffAt) - opensAt) / 2));
  try {
    const suggestion = (await w.ok('admin', { action: 'pricing.suggestions', batchId: 'batch-today' }, ADMIN)).find(
      (s: any) => s.batchItemId === qingcai._id,
    );
    expect(suggestion.markdown.priceFen).toBeLessThan(qingcai.priceFen);

    await page.locator('.el-menu-item', { hasText: '智能定价' }).click();
    await page.waitForURL(/#\/pricing/);
    const row = page.locator('[data-test=pricing] .el-table__row', { hasText: '本地小青菜' });
    const yuanOf = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    await expect(row.locator('[data-field=markdown]').innerText()).resolves.toContain(
      `降至 ${yuanOf(suggestion.markdown.priceFen)}`,
    );
    await w.shot('pricing');
    await row.locator('[data-test=accept]').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await eventually(async () => {
      const now = (await w.ok('catalog', { action: 'items', batchId: 'batch-today' }, 'oRESIDENT2')).items;
      expect(now.find((i: any) => i._id === qingcai._id).priceFen).toBe(suggestion.markdown.priceFen);
    });
  } finally {
    w.running.cloud.clock.reset();
  }
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, logIn, root, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 评价管理 in the console (issue 13.6): residents review what they picked up; a bad
 * review lights the header's 差评 badge; the admin reads it with its photo and hides
 * it with a reason, which takes it off the item page and out of the product's average.
 */
jest.setTimeout(120_000);

const ARTIFACTS = path.join(root, 'test-results', 'e2e-reviews');
const RES = ['oRESIDENT1', 'oRESIDENT3'];
const QINGCAI = 'batch-today-qingcai';
let w: ConsoleWorld;
let page: Page;
let photo = '';

/** An order of one 青菜 through order, pay and leader (arrival, then the pickup code verified). */
async function pickedUp(openid: string) {
  const order = await w.ok(
    'order',
    {
      action: 'create',
      clientRequestId: `rv-${openid}-${Date.now()}`,
      batchId: 'batch-today',
      lines: [{ batchItemId: QINGCAI, qty: 1 }],
      pickupPointId: 'pp-sunshine',
    },
    openid,
  );
  await w.ok('pay', { action: 'prepare', orderId: order._id }, openid);
  await w.running.cloud.pay.simulatePay(w.env, order.orderNo);
  return order;
}

beforeAll(async () => {
  w = await startConsoleWorld('reviews-env', ARTIFACTS);
  page = w.page;
  const orders = [];
  for (const openid of RES) orders.push(await pickedUp(openid));
  await w.ok('admin', { action: 'batches.close', id: 'batch-today' }, 'oADMIN');
  await w.ok('leader', { action: 'confirmArrival', batchId: 'batch-today', lines: [] }, 'oLEADER1');
  for (const [i, order] of orders.entries()) {
    const { pickupCode } = await w.ok('order', { action: 'detail', orderId: order._id }, RES[i]);
    await w.ok('leader', { action: 'verify', batchId: 'batch-today', code: pickupCode }, 'oLEADER1');
  }
  // The resident's photo as wx.cloud.uploadFile leaves it (a 1×1 PNG).
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
  photo = w.running.cloud.storage.write(w.env, `reviews/${orders[1]._id}/leaf.png`, png);
  await w.ok(
    'order',
    { action: 'review', orderId: orders[0]._id, goods: [{ batchItemId: QINGCAI, stars: 5, text: '很新鲜' }] },
    RES[0],
  );
  await w.ok(
    'order',
    {
      action: 'review',
      orderId: orders[1]._id,
      goods: [{ batchItemId: QINGCAI, stars: 1, text: '叶子都黄了', photos: [photo] }],
      service: { stars: 4, text: '' },
    },
    RES[1],
  );
  // WeChat's media check passes the leaf photo (its wxa_media_check push reaches the order function).
  expect(await w.running.cloud.openapi.deliverMediaChecks(w.env)).toBe(1);
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const itemReviews = async () => (await w.ok('catalog', { action: 'item', batchItemId: QINGCAI }, 'oSOMEONE')).reviews;

test('the 差评 badge counts the bad review and opens it with its photo', async () => {
  const badge = page.locator('[data-test=review-alerts-badge] sup');
  await eventually(async () => expect((await badge.textContent())?.trim()).toBe('1'));
  await page.locator('[data-test=review-alerts]').click();
  await page.waitForURL(/#\/reviews\?filter=bad/);
  const rows = page.locator('[data-test=reviews] .el-table__row');
  await eventually(async () => expect(await rows.count()).toBe(1));
  await expect(rows.locator('[data-field=text]').textContent()).resolves.toBe('叶子都黄了');
  await expect(rows.locator('[data-field=stars]').getAttribute('data-stars')).resolves.toBe('1');
  await expect(rows.locator('[data-status]').getAttribute('data-status')).resolves.toBe('unread');
  // The photo is the stored picture, loaded.
  const img = rows.locator('img').first();
  await eventually(async () => expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1));
  await w.shot('bad-review', page);
});

test('hiding needs a reason; hidden, the review leaves the item page and its average; 恢复显示 brings it back', async () => {
  expect(await itemReviews()).toMatchObject({ count: 2, average: 3 });
  const row = page.locator('[data-test=reviews] .el-table__row', { hasText: '叶子都黄了' });
  await row.locator('[data-test=hide-review]').click();
  await page.locator('[data-test=hide-review-submit]').click();
  await expect(page.locator('.el-message--warning').first().textContent()).resolves.toContain('请填写隐藏原因');
  expect((await itemReviews()).count).toBe(2);

  await page.locator('input[data-test=hide-reason]').fill('照片与商品不符');
  await page.locator('[data-test=hide-review-submit]').click();
  await eventually(async () => expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('hidden'));
  await expect(row.locator('[data-status]').textContent()).resolves.toContain('照片与商品不符');
  const shown = await itemReviews();
  expect([shown.count, shown.average, shown.recent.map((r: any) => r.text)]).toEqual([1, 5, ['很新鲜']]);
  // Hidden counts as handled: the badge is gone.
  await page.reload();
  await eventually(async () =>
    expect(await page.locator('[data-test=review-alerts-badge] sup').isVisible()).toBe(false),
  );
  await w.shot('hidden-review', page);

  await page.locator('[data-test=review-filter]').getByText('已隐藏').click();
  await eventually(async () => expect(await page.locator('[data-test=reviews] .el-table__row').count()).toBe(1));
  await page.locator('[data-test=show-review]').click();
  await eventually(async () => expect((await itemReviews()).count).toBe(2));
});

test('全部 lists the goods and the leader’s service reviews; the restored bad review stays read (no badge)', async () => {
  await page.locator('[data-test=review-filter]').getByText('全部').click();
  const rows = page.locator('[data-test=reviews] .el-table__row');
  await eventually(async () => expect(await rows.count()).toBe(3));
  await expect(page.locator('[data-test=reviews]').textContent()).resolves.toContain('团长服务');
  const bad = page.locator('[data-test=reviews] .el-table__row', { hasText: '叶子都黄了' });
  await expect(bad.locator('[data-status]').getAttribute('data-status')).resolves.toBe('shown');
  await expect(page.locator('[data-test=review-alerts-badge] sup').isVisible()).resolves.toBe(false);
  await w.shot('all-reviews', page);
});

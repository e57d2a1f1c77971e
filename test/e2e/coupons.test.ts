import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, logIn, root, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 优惠券 in the console (issue 13.1): the admin creates a 满减 coupon typed in yuan, residents
 * claim it, the list shows the claimed copies; 暂停 stops claiming; a missing field warns and a
 * form the server refuses shows its message, and neither creates anything.
 */
jest.setTimeout(120_000);

const ARTIFACTS = path.join(root, 'test-results', 'e2e-coupons');
const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;
let creates = 0;

beforeAll(async () => {
  w = await startConsoleWorld('coupons-env', ARTIFACTS);
  page = w.page;
  page.on('request', (r) => {
    if (r.url().includes('/client/functions/admin') && r.postData()?.includes('coupons.create')) creates++;
  });
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const listed = async () => (await w.ok('admin', { action: 'coupons.list' }, ADMIN)).items;
const dialog = () => page.locator('.el-dialog', { hasText: '新建优惠券' });
const row = (title: string) =>
  page.locator('[data-test=coupons] .el-table__body-wrapper .el-table__row', { hasText: title });

async function fill(title: string, off: string, threshold: string) {
  await page.locator('[data-test=new-coupon]').click();
  await dialog().waitFor();
  await dialog().locator('input[data-field=title]').fill(title);
  await dialog().locator('input[data-field=off]').fill(off);
  await dialog().locator('input[data-field=threshold]').fill(threshold);
}

test('the admin creates 满 ¥30 减 ¥5 (100 copies); a claim shows as 1/100 after a refresh', async () => {
  await page.locator('.el-menu-item', { hasText: '优惠券' }).click();
  await page.waitForURL(/#\/coupons/);
  await page.locator('[data-test=coupons] .el-table[data-state=empty]').waitFor();

  await fill('满30减5', '30', '');
  // Amounts typed in, a missing threshold: the browser warns and sends nothing.
  await dialog().locator('input[data-field=off]').fill('5');
  await page.locator('[data-test=coupon-submit]').click();
  await page.locator('.el-message--warning', { hasText: '请填写使用门槛' }).waitFor();
  expect(creates).toBe(0);

  await dialog().locator('input[data-field=threshold]').fill('30');
  await page.locator('[data-test=coupon-submit]').click();
  await page.locator('.el-message--success', { hasText: '已创建「满30减5」' }).waitFor();
  await dialog().waitFor({ state: 'hidden' });
  const [coupon] = await listed();
  expect(coupon).toMatchObject({ kind: 'threshold', offFen: 500, thresholdFen: 3000, total: 100, claimed: 0 });
  await eventually(async () =>
    expect(await row('满30减5').locator('[data-field=rule]').textContent()).toBe('满 ¥30.00 减 ¥5.00'),
  );
  await expect(row('满30减5').locator('[data-field=claimed]').textContent()).resolves.toBe('0/100');
  await expect(row('满30减5').locator('[data-status]').textContent()).resolves.toContain('进行中');

  await w.ok('order', { action: 'coupons.claim', couponId: coupon._id }, 'oRESIDENT1');
  await page.reload();
  await eventually(async () =>
    expect(await row('满30减5').locator('[data-field=claimed]').textContent()).toBe('1/100'),
  );
  await expect(row('满30减5').locator('[data-field=used]').textContent()).resolves.toBe('0');
  await expect(row('满30减5').locator('[data-field=cost]').textContent()).resolves.toBe('¥0.00');
  await w.shot('coupon-claimed', page);
});

test('暂停 shows 已暂停 and a new claim is refused; 恢复 lets residents claim again', async () => {
  const [coupon] = await listed();
  await row('满30减5').locator('[data-test=pause-coupon]').click();
  await eventually(async () => expect(await row('满30减5').locator('[data-status]').textContent()).toContain('已暂停'));
  await w.shot('coupon-paused', page);
  const refused = await w.call('order', { action: 'coupons.claim', couponId: coupon._id }, 'oRESIDENT2');
  expect([refused.ok, refused.code]).toEqual([false, 'INVALID_STATE']);
  expect((await listed())[0].claimed).toBe(1);

  await row('满30减5').locator('[data-test=resume-coupon]').click();
  await eventually(async () => expect(await row('满30减5').locator('[data-status]').textContent()).toContain('进行中'));
  await w.ok('order', { action: 'coupons.claim', couponId: coupon._id }, 'oRESIDENT2');
  expect((await listed())[0].claimed).toBe(2);
});

test("a threshold not above the discount: the server's message shows and nothing is created", async () => {
  const before = creates;
  await fill('满5减5', '5', '5');
  await page.locator('[data-test=coupon-submit]').click();
  await page.locator('.el-message--error', { hasText: '满减券的门槛须高于优惠金额' }).waitFor();
  expect(creates).toBe(before + 1);
  await expect(dialog().isVisible()).resolves.toBe(true);
  await w.shot('coupon-refused', page);
  expect((await listed()).map((c: { title: string }) => c.title)).toEqual(['满30减5']);
});

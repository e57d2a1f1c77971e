import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, eventually, logIn, shanghaiDay, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 设置 → 优惠券 in a real browser: the admin opens 团长券 with a monthly budget in
 * yuan and switches stacking on; a leader can then create a 团长券 within it (and
 * not past it), and a reload shows what was saved.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  w = await startConsoleWorld('e2e-coupon-settings', path.join(ARTIFACTS, 'coupon-settings'));
  page = w.page;
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const card = () => page.locator('[data-test=coupon-settings]');
const budget = () => card().locator('[data-test=coupon-budget] input');
const leaderCoupon = (total: number) =>
  w.call(
    'leader',
    {
      action: 'coupons.create',
      requestId: `e2e-leader-coupon-${total}`,
      title: '团长立减5元',
      kind: 'fixed',
      offFen: 500,
      validFrom: shanghaiDay(0),
      validTo: shanghaiDay(6),
      total,
    },
    'oLEADER1',
  );

test('a ¥200 budget and stacking saved: a leader creates ¥150 of 团长券 but not ¥100 more; a reload shows them', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  await eventually(async () => expect(await budget().inputValue()).toBe('0.00'), 30_000);
  expect((await leaderCoupon(30)).code).toBe('INVALID_STATE'); // closed until the admin opens it
  await budget().fill('200');
  await budget().press('Tab');
  await card().locator('[data-test=coupon-stacking]').click();
  await card().locator('[data-test=coupon-settings-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();
  expect((await w.ok('admin', { action: 'settings.get' }, ADMIN)).coupons).toEqual({
    leaderMonthlyBudgetFen: 20_000,
    stacking: true,
  });
  expect((await leaderCoupon(30)).ok).toBe(true);
  const over = await leaderCoupon(20);
  expect([over.code, over.message]).toEqual(['INVALID_STATE', '超出本月团长券额度：本券 ¥100.00，剩余 ¥50.00']);

  await page.reload();
  await eventually(async () => expect(await budget().inputValue()).toBe('200.00'), 30_000);
  expect(await card().locator('[data-test=coupon-stacking]').getAttribute('class')).toContain('is-checked');
  await w.shot('settings-coupons');
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  allowRefusedPayloads,
  eventually,
  logIn,
  shanghaiDay,
  startConsoleWorld,
  type ConsoleWorld,
} from './world';

/**
 * 设置 → 积分与会员 in a real browser: the admin sets the rules and a level's monthly
 * coupon, saves; residents' points.summary follows, a reload shows what was saved,
 * and levels out of order are refused with the server's message, nothing changed.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;
let couponId = '';

beforeAll(async () => {
  w = await startConsoleWorld('e2e-points', path.join(ARTIFACTS, 'points-settings'));
  page = w.page;
  const coupon = await w.ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: 'e2e-points-coupon',
      title: '银卡月券',
      kind: 'fixed',
      offFen: 300,
      thresholdFen: 0,
      validFrom: shanghaiDay(0),
      validTo: shanghaiDay(60),
      total: 100,
    },
    ADMIN,
  );
  couponId = coupon._id;
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const card = () => page.locator('[data-test=points-settings]');
/** An input by its data-test: Element Plus puts it on the <input> itself (el-input) or on its wrapper. */
const input = (test: string) => card().locator(`input[data-test=${test}], [data-test=${test}] input`);
const saved = async () => (await w.ok('admin', { action: 'settings.get' }, ADMIN)).points;

async function number(test: string, value: string) {
  await input(test).fill(value);
  await input(test).press('Tab');
}

async function text(test: string, value: string) {
  await input(test).fill(value);
}

async function choose(test: string, option: string) {
  await card().locator(`[data-test=${test}]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function open() {
  await page.goto(`${w.consoleUrl}/#/settings`);
  // Loaded: the default levels are in the table.
  await eventually(async () => expect(await input('level-name-3').inputValue()).toBe('钻石会员'), 30_000);
}

test('the rules and a level coupon saved; residents see them; a reload shows them', async () => {
  await open();
  await number('points-earn', '2');
  await choose('points-rate', '10 积分抵 ¥1');
  await number('points-max', '30');
  await number('points-review', '20');
  await text('level-name-1', '银卡');
  await text('level-min-1', '500');
  await choose('level-coupon-1', '银卡月券');
  await card().locator('[data-test=points-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();

  expect(await saved()).toEqual({
    enabled: true,
    earnPerYuan: 2,
    pointsPerYuan: 10,
    maxPercent: 30,
    reviewPoints: 20,
    levels: [
      { name: '普通会员', minSpendFen: 0, monthlyCouponId: '' },
      { name: '银卡', minSpendFen: 50_000, monthlyCouponId: couponId },
      { name: '金卡会员', minSpendFen: 100_000, monthlyCouponId: '' },
      { name: '钻石会员', minSpendFen: 300_000, monthlyCouponId: '' },
    ],
  });
  const summary = await w.ok('order', { action: 'points.summary' }, 'oRESIDENT1');
  expect(summary.rule).toEqual({ enabled: true, earnPerYuan: 2, pointsPerYuan: 10, maxPercent: 30, reviewPoints: 20 });

  await page.reload();
  await eventually(async () => expect(await input('level-name-1').inputValue()).toBe('银卡'), 30_000);
  expect(await input('level-min-1').inputValue()).toBe('500.00');
  expect(await input('points-earn').inputValue()).toBe('2');
  expect(await input('points-max').inputValue()).toBe('30');
  await expect(card().locator('[data-test=points-rate]').textContent()).resolves.toContain('10 积分抵 ¥1');
  await expect(card().locator('[data-test=level-coupon-1]').textContent()).resolves.toContain('银卡月券');
  await w.shot('settings-points');
});

test('levels out of order are refused with the server’s message; nothing changes', async () => {
  allowRefusedPayloads();
  await open();
  const before = await saved();
  await text('level-min-2', '100');
  await card().locator('[data-test=points-save]').click();
  await page.locator('.el-message--error', { hasText: '等级的升级消费必须逐级升高' }).waitFor();
  expect(await saved()).toEqual(before);
});

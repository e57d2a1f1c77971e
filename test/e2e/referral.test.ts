import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, eventually, logIn, shanghaiDay, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 设置 → 邀请有礼 in a real browser: the admin turns it on with a coupon for
 * each side and a monthly cap, saves; the resident's 邀请有礼 then offers those
 * coupons, a reload shows what was saved, and the server's refusal (on without
 * a reward) shows with nothing changed.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;
let referrerCoupon: any;
let inviteeCoupon: any;

const coupon = (title: string, offFen: number) =>
  w.ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: `e2e-referral-${offFen}-${Date.now()}`,
      title,
      kind: 'fixed',
      offFen,
      validFrom: shanghaiDay(),
      validTo: shanghaiDay(30),
      total: 500,
    },
    ADMIN,
  );

beforeAll(async () => {
  w = await startConsoleWorld('e2e-referral', path.join(ARTIFACTS, 'referral'));
  page = w.page;
  referrerCoupon = await coupon('邀请奖励5元', 500);
  inviteeCoupon = await coupon('新邻居立减3元', 300);
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const card = () => page.locator('[data-test=referral-settings]');
const referral = async () => (await w.ok('admin', { action: 'settings.get' }, ADMIN)).referral;

/** Both selects list the same coupons: the last one's dropdown must be gone before the next opens. */
async function choose(selectTest: string, option: string) {
  await eventually(async () => expect(await page.locator('.el-select-dropdown:visible').count()).toBe(0));
  await card().locator(`[data-test=${selectTest}]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

test('turned on with a coupon for each side and a cap of 5: saved, offered to residents, shown after a reload', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  await eventually(
    async () => expect(await card().locator('[data-test=referral-save]').isDisabled()).toBe(false),
    30_000,
  );
  expect(await referral()).toEqual({
    enabled: false,
    referrerCouponId: null,
    inviteeCouponId: null,
    referrerPoints: 0,
    inviteePoints: 0,
    monthlyCap: 20,
  });

  await card().locator('[data-test=referral-enabled]').click();
  await choose('referral-referrer-coupon', '邀请奖励5元');
  await choose('referral-invitee-coupon', '新邻居立减3元');
  await card().locator('[data-test=referral-invitee-points] input').fill('50');
  await card().locator('[data-test=referral-cap] input').fill('5');
  await card().locator('[data-test=referral-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();

  expect(await referral()).toEqual({
    enabled: true,
    referrerCouponId: referrerCoupon._id,
    inviteeCouponId: inviteeCoupon._id,
    referrerPoints: 0,
    inviteePoints: 50,
    monthlyCap: 5,
  });
  const invite = await w.ok('user', { action: 'invite' }, 'oRESIDENT1');
  expect(invite).toMatchObject({
    enabled: true,
    monthlyCap: 5,
    referrerReward: { title: '邀请奖励5元', offFen: 500 },
    inviteeReward: { title: '新邻居立减3元', offFen: 300 },
    inviteePoints: 50,
  });
  expect(invite.path).toMatch(/^\/pages\/home\/index\?leaderId=[\w-]+&ref=[a-z2-9]{8}$/);

  await page.reload();
  await eventually(
    async () =>
      expect(await card().locator('[data-test=referral-referrer-coupon]').textContent()).toContain('邀请奖励5元'),
    30_000,
  );
  await expect(card().locator('[data-test=referral-invitee-coupon]').textContent()).resolves.toContain('新邻居立减3元');
  await expect(card().locator('[data-test=referral-cap] input').inputValue()).resolves.toBe('5');
  await expect(card().locator('[data-test=referral-invitee-points] input').inputValue()).resolves.toBe('50');
  await w.shot('settings-referral');
});

test('on without any reward (no coupon, no points): the server refuses, the console says why, nothing changes', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  await eventually(
    async () =>
      expect(await card().locator('[data-test=referral-referrer-coupon]').textContent()).toContain('邀请奖励5元'),
    30_000,
  );
  const before = await referral();
  for (const test of ['referral-referrer-coupon', 'referral-invitee-coupon']) {
    await card().locator(`[data-test=${test}]`).hover();
    await card().locator(`[data-test=${test}] .el-select__clear`).click();
  }
  await card().locator('[data-test=referral-invitee-points] input').fill('0');
  await card().locator('[data-test=referral-save]').click();
  await page.locator('.el-message--error', { hasText: '开启邀请有礼须选择奖励的优惠券或积分' }).waitFor();
  expect(await referral()).toEqual(before);
});

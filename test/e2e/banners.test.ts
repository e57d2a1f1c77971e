import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, eventually, logIn, root, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * 设置 → 首页轮播图 in a real browser: the admin uploads two pictures, links one
 * to a product and one to a page, orders and switches them, saves; the
 * mini-program's catalog.banners answers what was set, and a reload shows it.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
let w: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  w = await startConsoleWorld('e2e-banners', path.join(ARTIFACTS, 'banners'));
  page = w.page;
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const card = () => page.locator('[data-test=banner-settings]');
const picture = (name: string) => path.join(root, 'miniprogram/images/products', name);
const UPLOADED = /^cloud:\/\/.+\/banners\/\d{8}\/\d+-\w+\.jpg$/;

/** No picture uploading (the local cloud answers one call at a time: it may take seconds). */
const settled = () => eventually(async () => expect(await card().locator('.el-loading-mask').count()).toBe(0), 30_000);

async function addBanner(index: number, file: string, link: '商品' | '页面') {
  await card().locator('[data-test=banner-add]').click();
  await card().locator(`[data-test=banner-image-${index}] input[type=file]`).setInputFiles(picture(file));
  await eventually(async () => expect(await card().locator('.picture img').count()).toBe(index + 1));
  await settled();
  await card().locator(`[data-test=banner-link-${index}]`).getByText(link).click();
}

async function choose(selectTest: string, typed: string | undefined, option: string) {
  await card().locator(`[data-test=${selectTest}]`).click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

test('two banners set, ordered and switched; the home gets them in that order; a reload shows them', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  // Loaded (加载中… until then; 添加 and 保存 wait for it: a save replaces every banner).
  await card().getByText('还没有轮播图').waitFor({ timeout: 30_000 });

  await addBanner(0, 'grape.jpg', '商品');
  await choose('banner-product-0', '葡萄', '阳光玫瑰葡萄');
  await addBanner(1, 'orange.jpg', '页面');
  await choose('banner-page-1', undefined, '申请当团长');
  // The page banner goes first.
  await card().locator('.el-table__row').nth(1).getByRole('button', { name: '上移' }).click();
  await card().locator('[data-test=banner-save]').click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();

  const saved = (await w.ok('admin', { action: 'settings.get' }, ADMIN)).banners;
  expect(saved).toEqual([
    {
      image: expect.stringMatching(UPLOADED),
      link: { kind: 'page', page: 'packages/leader/apply/index' },
      enabled: true,
    },
    {
      image: expect.stringMatching(UPLOADED),
      link: { kind: 'item', productId: 'p-grape', title: '阳光玫瑰葡萄' },
      enabled: true,
    },
  ]);
  expect(saved[0].image).not.toBe(saved[1].image);
  const home = async () => (await w.ok('catalog', { action: 'banners' }, 'oRESIDENT1')).banners;
  expect(await home()).toEqual(saved.map(({ enabled: _on, ...b }: any) => b));

  // Switched off, it stays in the console and leaves the home.
  await card().locator('[data-test=banner-enabled-0]').click();
  await card().locator('[data-test=banner-save]').click();
  await eventually(async () => expect(await home()).toEqual([{ image: saved[1].image, link: saved[1].link }]));

  await page.reload();
  await eventually(async () => expect(await card().locator('.picture img').count()).toBe(2), 30_000);
  await expect(card().locator('[data-test=banner-product-1]').textContent()).resolves.toContain('阳光玫瑰葡萄');
  await expect(card().locator('[data-test=banner-page-0]').textContent()).resolves.toContain('申请当团长');
  await expect(card().locator('[data-test=banner-enabled-0]').getAttribute('class')).resolves.not.toContain(
    'is-checked',
  );
  await w.shot('settings-banners');
});

test('a banner without a picture is not sent: the console says which one', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  await eventually(async () => expect(await card().locator('.picture img').count()).toBe(2), 30_000);
  const before = JSON.stringify((await w.ok('admin', { action: 'settings.get' }, ADMIN)).banners);
  await card().locator('[data-test=banner-add]').click();
  await card().locator('[data-test=banner-save]').click();
  await page.locator('.el-message--error', { hasText: '第 3 张轮播图还没有图片' }).waitFor();
  expect(JSON.stringify((await w.ok('admin', { action: 'settings.get' }, ADMIN)).banners)).toBe(before);
});

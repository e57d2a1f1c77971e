import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, eventually, logIn, shanghaiDay, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * Every console list is one component (DataTable): the same pager on every page (no page of its own
 * with a big 第 1 页 and two buttons), server paging that really pages, the page's own empty text, and
 * an error with a retry that loads again.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';

/** Route of each list page and the data-test of its list. */
const LISTS: Array<[string, string]> = [
  ['suppliers', 'suppliers'],
  ['categories', 'categories'],
  ['batches', 'batches'],
  ['after-sales', 'after-sales'],
  ['commissions', 'withdrawals'],
  ['notices', 'notices'],
  ['orders', 'orders'],
  ['leaders', 'applications'],
  ['products', 'products'],
  ['pricing', 'pricing'],
  ['routes', 'route-stops'],
  ['dashboard', 'inventory-alerts'],
  ['analytics', 'points'],
  ['reviews', 'reviews'],
  ['coupons', 'coupons'],
];

let w: ConsoleWorld;
let page: Page;

beforeAll(async () => {
  w = await startConsoleWorld('e2e-lists', path.join(ARTIFACTS, 'lists'));
  page = w.page;
  await logIn(page, w.consoleUrl, '平台管理员', /#\/dashboard/);
});

afterAll(async () => {
  await w?.stop();
});

const list = (test: string) => page.locator(`[data-test=${test}]`);
const rows = (test: string) => list(test).locator('.el-table__body-wrapper .el-table__row');
const count = (test: string) => list(test).locator('[data-field=count]');

const ADMIN_CALLS = /\/client\/functions\/admin/;
/** The next call of `action` fails, as a flaky database would; answers how many failed so far. */
async function failOnce(action: string): Promise<() => number> {
  let failures = 0;
  await page.route(ADMIN_CALLS, async (route) => {
    const body = route.request().postDataJSON() as { action?: string } | null;
    if (body?.action !== action || failures > 0) return route.fallback();
    failures++;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, code: 'INTERNAL', message: '数据库暂时不可用' }),
    });
  });
  return () => failures;
}

/** What a user sees of a pager: its parts in order, its height and the size of its text. */
function look(test: string) {
  return list(test)
    .locator('.data-table__pager .el-pagination')
    .evaluate((el) => {
      const parts = Array.from(el.children).map((c) =>
        Array.from(c.classList)
          .filter((k) => !k.startsWith('is-'))
          .sort()
          .join('.'),
      );
      const font = (sel: string) => getComputedStyle(el.querySelector(sel)!).fontSize;
      return {
        parts,
        height: Math.round(el.getBoundingClientRect().height),
        countFont: font('[data-field=count]'),
        pagerFont: font('.el-pager li'),
      };
    });
}

test('every list page shows the same pager, of a sane size, and no page-made 第 N 页', async () => {
  const looks: Record<string, Awaited<ReturnType<typeof look>>> = {};
  for (const [route, test] of LISTS) {
    await page.goto(`${w.consoleUrl}/#/${route}`);
    await list(test).locator('.el-table[data-state=ready], .el-table[data-state=empty]').waitFor();
    looks[route] = await look(test);
    // A pager of its own (上一页 / 第 1 页 / 下一页) next to the table is what made 佣金与提现 differ.
    await expect(page.getByText(/^第 \d+ 页$/).count()).resolves.toBe(0);
    await expect(page.locator('.el-button', { hasText: /^(上一页|下一页)$/ }).count()).resolves.toBe(0);
    // Nor an el-pagination of its own under the table (商品 had one next to DataTable's).
    await expect(page.locator('.el-pagination').count()).resolves.toBe(
      await page.locator('.data-table__pager .el-pagination').count(),
    );
  }
  await w.shot('commissions-pager');
  const first = looks[LISTS[0][0]];
  expect(first.parts).toEqual(
    expect.arrayContaining(['data-table__count', 'btn-prev', 'el-pager', 'btn-next', 'el-pagination__sizes']),
  );
  expect(first.height).toBeGreaterThanOrEqual(20);
  expect(first.height).toBeLessThanOrEqual(36);
  for (const [route] of LISTS) expect({ route, ...looks[route] }).toEqual({ route, ...first });
});

test('a server-paged list pages: page 2 shows the other rows, 10 a page', async () => {
  const now = Date.now();
  for (let i = 0; i < 10; i++)
    await w.ok(
      'admin',
      {
        action: 'batches.create',
        title: `分页团期 ${String(i).padStart(2, '0')}`,
        opensAt: new Date(now + 3_600_000).toISOString(),
        cutoffAt: new Date(now + 7_200_000).toISOString(),
        pickupDate: shanghaiDay(2),
        items: [
          { productId: 'p-qingcai', priceFen: 250, originalPriceFen: 300, stock: 10, limitPerUser: 0, minQuantity: 0 },
        ],
      },
      ADMIN,
    );
  const { total } = await w.ok('admin', { action: 'batches.list', pageSize: 1 }, ADMIN);
  expect(total).toBeGreaterThan(10);

  await page.goto(`${w.consoleUrl}/#/batches`);
  await eventually(async () => expect(await count('batches').textContent()).toBe(`共 ${total} 条`));
  await expect(rows('batches').count()).resolves.toBe(Math.min(total, 20));
  await list('batches').locator('.el-pagination__sizes .el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '10' }).first().click();
  await eventually(async () => expect(await rows('batches').count()).toBe(10));
  const titles = () => rows('batches').locator('td:first-child').allTextContents();
  const first = await titles();

  await list('batches').locator('.el-pager li', { hasText: /^2$/ }).click();
  await eventually(async () => expect(await rows('batches').count()).toBe(Math.min(total - 10, 10)));
  const second = await titles();
  expect(second.filter((t) => first.includes(t))).toEqual([]);
  await expect(list('batches').locator('.el-pager li.is-active').textContent()).resolves.toBe('2');
  await expect(count('batches').textContent()).resolves.toBe(`共 ${total} 条`);
  await w.shot('batches-page-2');
});

test("an empty list says the page's own words; a failed load says why and 重试 loads it again", async () => {
  await page.goto(`${w.consoleUrl}/#/commissions`);
  await list('withdrawals').locator('.el-table[data-state]:not([data-state=loading])').waitFor();
  await page.locator('.el-radio-button', { hasText: '已驳回' }).click();
  await eventually(async () =>
    expect(await list('withdrawals').locator('.el-table').getAttribute('data-state')).toBe('empty'),
  );
  await expect(list('withdrawals').locator('.el-empty').textContent()).resolves.toContain('没有这个状态的提现申请');
  await w.shot('commissions-empty');

  const failed = await failOnce('withdrawals.list');
  await page.locator('.el-radio-button', { hasText: '全部' }).click();
  const alert = list('withdrawals').locator('[data-state=error]');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain('数据库暂时不可用');
  await expect(list('withdrawals').locator('.el-table').count()).resolves.toBe(0);
  await w.shot('commissions-error');
  await alert.locator('[data-test=retry]').click();
  await eventually(async () =>
    expect(await list('withdrawals').locator('.el-table').getAttribute('data-state')).toMatch(/^(ready|empty)$/),
  );
  await expect(alert.count()).resolves.toBe(0);
  expect(failed()).toBe(1);
  await page.unroute(ADMIN_CALLS);
});

test('设置: a failed load says why in the template table, and 重试 shows what is saved', async () => {
  await w.ok('admin', { action: 'settings.save', templates: { pickupReady: 'tmpl-lists-retry' } }, ADMIN);
  const failed = await failOnce('settings.get');
  await page.goto(`${w.consoleUrl}/#/settings`);
  const card = page.locator('[data-test=template-settings]');
  const alert = card.locator('[data-state=error]');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain('数据库暂时不可用');
  await alert.locator('[data-test=retry]').click();
  await eventually(async () =>
    expect(await card.locator('input[data-template=pickupReady]').inputValue()).toBe('tmpl-lists-retry'),
  );
  await expect(card.locator('.el-table__body-wrapper .el-table__row').count()).resolves.toBe(3);
  await expect(alert.count()).resolves.toBe(0);
  expect(failed()).toBe(1);
  await page.unroute(ADMIN_CALLS);
});

test('团期 成本价 is edited in the same dialog as every form: a wrong amount warns and sends nothing, a right one saves', async () => {
  const now = Date.now();
  const title = `成本价团期 ${now.toString(36)}`;
  const created = await w.ok(
    'admin',
    {
      action: 'batches.create',
      title,
      opensAt: new Date(now + 3_600_000).toISOString(),
      cutoffAt: new Date(now + 7_200_000).toISOString(),
      pickupDate: shanghaiDay(2),
      items: [
        { productId: 'p-qingcai', priceFen: 250, originalPriceFen: 300, stock: 10, limitPerUser: 0, minQuantity: 0 },
      ],
    },
    ADMIN,
  );
  const cost = async () =>
    (await w.ok('admin', { action: 'batches.get', id: created.batch._id }, ADMIN)).items[0].costFen;
  const before = await cost();
  let updates = 0;
  page.on('request', (r) => {
    if (r.url().includes('/client/functions/admin') && r.postData()?.includes('batches.items.update')) updates++;
  });

  await page.goto(`${w.consoleUrl}/#/batches?batch=${created.batch._id}`);
  const drawer = page.getByRole('dialog', { name: title });
  await drawer.locator('[data-test=edit-cost]').click();
  const form = page.locator('.el-dialog', { has: page.locator('[data-test=cost-form]') });
  await expect(form.locator('.el-dialog__title').textContent()).resolves.toBe('成本价');
  const input = form.locator('input[data-field=cost], [data-field=cost] input').first();
  await input.fill('3.6元');
  await form.locator('[data-test=save-cost]').click();
  await page.locator('.el-message--warning', { hasText: '请填写金额，如 3.60' }).waitFor();
  expect(updates).toBe(0);
  await expect(cost()).resolves.toBe(before);

  await input.fill('1.85');
  await form.locator('[data-test=save-cost]').click();
  await page.locator('.el-message--success', { hasText: '成本价已保存' }).waitFor();
  await eventually(async () => expect(await cost()).toBe(185));
  await form.waitFor({ state: 'hidden' });
  await eventually(async () =>
    expect(await drawer.locator('.el-table__row').first().locator('[data-field=cost]').textContent()).toBe('¥1.85'),
  );
  expect(updates).toBe(1);
  await w.shot('batch-cost-saved');
});

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page, Request } from 'playwright-core';
import { ARTIFACTS, eventually, logIn, shanghaiDay, startConsoleWorld, type ConsoleWorld } from './world';

/**
 * One group-buy day through the admin console in a real browser: log in, create
 * and open a batch, residents order and pay through the gateway, cut off, the
 * purchase orders and packing lists (Excel export checked cell by cell), the
 * route, a leader application approved, the dashboard charts, a line refund.
 * Steps share one browser page and build on each other, in order.
 */
jest.setTimeout(120_000);

const ADMIN = 'oADMIN';
const TITLE = `E2E 团期 ${Date.now().toString(36)}`;
// product title → price yuan typed in the form, priceFen, supplierId; the cost price as the form
// shows it (the seed's 供货价), the one typed over it (if any) and the cost in fen the batch keeps.
const PRODUCTS: Record<
  string,
  { price: string; fen: number; supplier: string; id: string; shownCost: string; cost?: string; costFen: number }
> = {
  '本地小青菜 500g': {
    price: '2.50',
    fen: 250,
    supplier: 'sup-veg',
    id: 'p-qingcai',
    shownCost: '1.80',
    cost: '1.60',
    costFen: 160,
  },
  '金龙鱼东北大米 5kg': {
    price: '39.90',
    fen: 3990,
    supplier: 'sup-oil',
    id: 'p-rice',
    shownCost: '31.00',
    costFen: 3100,
  },
  '原木抽纸 3层×100抽×6包': {
    price: '26.90',
    fen: 2690,
    supplier: 'sup-daily',
    id: 'p-tissue',
    shownCost: '19.00',
    costFen: 1900,
  },
};
// who buys what: resident → productId → qty
const BASKETS: Record<string, Record<string, number>> = {
  oRESIDENT1: { 'p-qingcai': 3, 'p-rice': 1, 'p-tissue': 2 },
  oRESIDENT2: { 'p-qingcai': 2, 'p-tissue': 1 },
};
const product = (productId: string) => Object.values(PRODUCTS).find((p) => p.id === productId)!;
const priceOf = (productId: string) => product(productId).fen;
const supplierOf = (productId: string) => Object.values(PRODUCTS).find((p) => p.id === productId)!.supplier;

/** Expected purchase order per supplier: units, residents' fen and fen at cost (what the platform owes). */
function expectedPurchaseOrders(): Record<string, { qty: number; fen: number; costFen: number }> {
  const out: Record<string, { qty: number; fen: number; costFen: number }> = {};
  for (const basket of Object.values(BASKETS))
    for (const [pid, qty] of Object.entries(basket)) {
      const s = (out[supplierOf(pid)] ??= { qty: 0, fen: 0, costFen: 0 });
      s.qty += qty;
      s.fen += qty * priceOf(pid);
      s.costFen += qty * product(pid).costFen;
    }
  return out;
}
const GMV = Object.values(expectedPurchaseOrders()).reduce((s, x) => s + x.fen, 0);
const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

let w: ConsoleWorld;
let page: Page;
let batchId = '';
const orders: Record<string, { _id: string; orderNo: string }> = {};

beforeAll(async () => {
  w = await startConsoleWorld();
  page = w.page;
});

afterAll(async () => {
  await w?.stop();
});

async function confirmDialog() {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-message-box__btns .el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

async function pickOption(select: Locator, text: string) {
  await select.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

async function fillDate(label: string, value: string) {
  const input = page.locator('.el-form-item', { hasText: label }).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

test('logs in as the demo admin and sees every menu', async () => {
  await page.goto(`${w.consoleUrl}/#/login`);
  await page.locator('[data-test=demo-accounts]').getByText('平台管理员').click();
  await w.shot('login');
  await page.locator('[data-test=login]').click();
  await page.waitForURL(/#\/dashboard/);
  await expect(page.locator('[data-test=current-user]').textContent()).resolves.toContain('oADMIN');
  const menu = await page.locator('[data-test=side-menu] [data-menu]').allTextContents();
  expect(menu.map((m) => m.trim())).toEqual([
    '数据看板',
    '用户行为',
    '智能定价',
    '供应商',
    '类目与佣金',
    '商品',
    '团期',
    '订单',
    '售后审核',
    '评价管理',
    '优惠券',
    '团长与自提点',
    '采购单与分拣单',
    '配送路线',
    '销售统计',
    '对账结算',
    '佣金与提现',
    '消息发件箱',
    '设置',
  ]);
});

test('creates a batch from products with suggested stock, and opens it', async () => {
  await page.goto(`${w.consoleUrl}/#/batches/create`);
  await page.locator('input[data-test=batch-title]').fill(TITLE);
  // Cut-off tomorrow whatever the hour now; pickup the day after.
  await fillDate('截单时间', shanghaiDay(1));
  await fillDate('自提日', shanghaiDay(2));
  const picker = page.locator('[data-test=product-picker]');
  for (const title of Object.keys(PRODUCTS)) await pickOption(picker, title);
  await page.keyboard.press('Escape');

  const rows = page.locator('[data-test=batch-lines] .el-table__body-wrapper .el-table__row');
  await expect(rows.count()).resolves.toBe(3);
  for (let i = 0; i < 3; i++) {
    const row = rows.nth(i);
    const title = (await row.locator('td').first().textContent())!.trim();
    await row.locator('input[data-field=price]').fill(PRODUCTS[title].price);
    const cost = row.locator('input[data-field=cost]');
    await expect(cost.inputValue()).resolves.toBe(PRODUCTS[title].shownCost);
    if (PRODUCTS[title].cost) await cost.fill(PRODUCTS[title].cost);
    const min = row.locator(':is(input[data-field=min], [data-field=min] input)');
    await min.fill('1');
    await min.press('Tab');
  }
  await page.locator('[data-test=suggest]').click();
  // No sales history for these products in this batch world: the forecast suggests 0, shown as a number.
  await eventually(async () =>
    expect((await page.locator('[data-field=suggested]').allTextContents()).map((t) => t.trim())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\d+$/)]),
    ),
  );
  // Next to each suggestion, how far the forecast can be trusted: without a week of history, it says so.
  expect((await page.locator('[data-field=accuracy]').allTextContents()).map((t) => t.trim())).toContain(
    '历史不足，无法评估误差',
  );
  await w.shot('batch-create');
  await page.locator('[data-test=submit-batch]').click();
  await page.waitForURL(/#\/batches$/);

  const row = page.locator('[data-test=batches] .el-table__row', { hasText: TITLE });
  await expect(row.locator('[data-status]').getAttribute('data-status')).resolves.toBe('open');
  await w.shot('batches');

  const list = await w.ok('admin', { action: 'batches.list', status: 'open', pageSize: 100 }, ADMIN);
  batchId = list.items.find((b: any) => b.title === TITLE)._id;
  expect(batchId).toBeTruthy();
});

test('residents order and pay through the gateway', async () => {
  const { items } = await w.ok('catalog', { action: 'items', batchId }, 'oRESIDENT1');
  const itemOf = (pid: string) => items.find((i: any) => i.productId === pid)._id;
  for (const [openid, basket] of Object.entries(BASKETS)) {
    const order = await w.ok(
      'order',
      {
        action: 'create',
        clientRequestId: `e2e-${openid}-${Date.now()}`,
        batchId,
        lines: Object.entries(basket).map(([pid, qty]) => ({ batchItemId: itemOf(pid), qty })),
      },
      openid,
    );
    await w.ok('pay', { action: 'prepare', orderId: order._id }, openid);
    await w.running.cloud.pay.simulatePay(w.env, order.orderNo);
    const paid = await w.ok('order', { action: 'detail', orderId: order._id }, openid);
    expect(paid.status).toBe('paid');
    orders[openid] = order;
  }
  expect(Object.keys(orders)).toHaveLength(2);
});

test('cuts the batch off in the console and builds purchase orders and packing lists', async () => {
  await page.goto(`${w.consoleUrl}/#/batches`);
  const row = page.locator('[data-test=batches] .el-table__row', { hasText: TITLE });
  await row.locator('[data-test=close-batch]').click();
  await confirmDialog();
  await eventually(async () => expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('cutoff'));

  await page.goto(`${w.consoleUrl}/#/supply`);
  await pickOption(page.locator('[data-test=supply-batch]'), TITLE);
  await page.locator('[data-test=run-supply]').click();
  const cards = page.locator('[data-test=purchase-order]');
  await eventually(async () => expect(await cards.count()).toBe(3), 30_000);

  const expected = expectedPurchaseOrders();
  const totals = (await page.locator('[data-test=po-total]').allTextContents()).sort();
  // Priced at cost: what the platform owes each supplier, never what residents paid.
  expect(totals).toEqual(
    Object.values(expected)
      .map((x) => yuan(x.costFen))
      .sort(),
  );
  await w.shot('purchase-orders');

  await page.locator('.el-tabs__item', { hasText: '分拣单' }).click();
  const lists = page.locator('[data-test=packing-list]');
  await eventually(async () => expect(await lists.count()).toBe(2));
  await expect(lists.filter({ hasText: '阳光花园3栋门口' }).textContent()).resolves.toContain('共 6 件');
  await expect(lists.filter({ hasText: '翠苑一区南门便利店' }).textContent()).resolves.toContain('共 3 件');
  await w.shot('packing-lists');

  // The print stylesheet: no menu, no buttons, only the documents.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.el-aside').isVisible()).resolves.toBe(false);
  await expect(page.locator('[data-test=packing-excel]').isVisible()).resolves.toBe(false);
  await w.shot('packing-lists-print');
  await page.emulateMedia({ media: 'screen' });
});

test('exports the purchase orders to Excel with the right totals', async () => {
  await page.locator('.el-tabs__item', { hasText: '采购单' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=po-excel]').click()]);
  const file = path.join(ARTIFACTS, download.suggestedFilename());
  await download.saveAs(file);
  expect(file).toMatch(/\.xlsx$/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(3);
  const expected = expectedPurchaseOrders();
  const supplierNames: Record<string, string> = {
    'sup-veg': '城南蔬菜基地',
    'sup-oil': '金龙鱼粮油经销',
    'sup-daily': '家家日用',
  };
  for (const [supplierId, want] of Object.entries(expected)) {
    const ws = wb.getWorksheet(supplierNames[supplierId]);
    expect(ws).toBeDefined();
    const rows: unknown[][] = [];
    ws!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '商品');
    const lines = rows.slice(header + 1, -1);
    const total = rows[rows.length - 1];
    expect(total[0]).toBe('合计');
    expect(total[2]).toBe(want.qty);
    expect(total[4]).toBeCloseTo(want.costFen / 100, 2);
    // Each line is qty × cost price; the total row is the sum of the lines.
    for (const r of lines) expect(Math.round(Number(r[4]) * 100)).toBe(Math.round(Number(r[2]) * Number(r[3]) * 100));
    expect(lines.reduce((s, r) => s + Number(r[2]), 0)).toBe(want.qty);
    expect(Math.round(lines.reduce((s, r) => s + Number(r[4]) * 100, 0))).toBe(want.costFen);
  }

  // CSV too: one line per supplier and item, with a BOM for Excel.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=po-csv]').click()]);
  const csvFile = path.join(ARTIFACTS, csv.suggestedFilename());
  await csv.saveAs(csvFile);
  const text = fs.readFileSync(csvFile, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.trim().split(/\r\n/)).toHaveLength(1 + 3);
});

test('shows the delivery route with its stops and total distance', async () => {
  await page.goto(`${w.consoleUrl}/#/routes`);
  const stops = page.locator('[data-test=route-stops] .el-table__body-wrapper .el-table__row');
  await eventually(async () => expect(await stops.count()).toBe(2));
  await expect(page.locator('[data-test=route-total]').textContent()).resolves.toMatch(/^\d+\.\d km$/);
  await expect(page.locator('[data-test=route-plot] circle').count()).resolves.toBe(2);
  await w.shot('route');
});

test('approves a leader application', async () => {
  const photo = w.running.cloud.storage.write(
    w.env,
    'leader-apply/e2e-shop.png',
    Buffer.from('89504e470d0a1a0a', 'hex'),
  );
  await w.ok(
    'leader',
    {
      action: 'apply',
      name: '王五',
      phone: '13700000003',
      address: '上海市浦东新区锦绣路1600号',
      location: { lat: 31.2101, lng: 121.5502 },
      hours: '08:00-20:00',
      photo,
      pointName: '锦绣路便民点',
    },
    'oRESIDENT3',
  );
  await page.goto(`${w.consoleUrl}/#/leaders`);
  const row = page.locator('[data-test=applications] .el-table__row', { hasText: '王五' });
  await row.waitFor();
  await w.shot('leader-application');
  await row.locator('[data-test=approve-application]').click();
  await confirmDialog();
  await eventually(async () =>
    expect(await (await w.ok('user', { action: 'me' }, 'oRESIDENT3')).roles).toContain('leader'),
  );
  await eventually(async () =>
    expect(await page.locator('[data-test=applications] .el-table__row', { hasText: '王五' }).count()).toBe(0),
  );
});

test('dashboard shows the day in KPI cards and drawn charts', async () => {
  await page.goto(`${w.consoleUrl}/#/dashboard`);
  await eventually(async () => expect(await page.locator('[data-kpi=gmv]').textContent()).toContain(yuan(GMV)));
  await expect(page.locator('[data-kpi=orders]').textContent()).resolves.toContain('2');
  await expect(page.locator('[data-kpi=avg]').textContent()).resolves.toContain(yuan(Math.round(GMV / 2)));
  for (const chart of ['trend', 'top-items', 'leader-ranking']) {
    const canvas = page.locator(`[data-chart=${chart}] canvas`).first();
    await canvas.waitFor();
    // Drawn, not blank: enough non-transparent pixels.
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(500);
  }
  // 平台毛利: today's row is what residents paid − the units at the batch's cost prices − the leaders' commission.
  const COST = Object.values(expectedPurchaseOrders()).reduce((s, x) => s + x.costFen, 0);
  const board = await w.ok('admin', { action: 'dashboard', from: shanghaiDay(0), to: shanghaiDay(0) }, ADMIN);
  expect(board.margin.total).toMatchObject({ revenueFen: GMV, costFen: COST, costPendingUnits: 0 });
  expect(board.margin.total.marginFen).toBe(GMV - COST - board.margin.total.commissionFen);
  const margin = page.locator('[data-test=margin]');
  await expect(margin.textContent()).resolves.toContain(yuan(COST));
  await expect(margin.locator('[data-kpi=margin]').textContent()).resolves.toContain(
    yuan(board.margin.total.marginFen),
  );
  await expect(
    margin.locator('[data-test=margin-daily] .el-table__row').first().locator('[data-field=margin]').textContent(),
  ).resolves.toBe(yuan(board.margin.total.marginFen));
  await w.shot('dashboard');
});

test('refunds one line of an order from the orders page', async () => {
  const order = orders.oRESIDENT2;
  await page.goto(`${w.consoleUrl}/#/orders`);
  await page.locator('input[data-test=order-keyword]').fill(order.orderNo);
  await page.locator('[data-test=order-search]').click();
  const row = page.locator('[data-test=orders] .el-table__row', { hasText: order.orderNo });
  await eventually(async () =>
    expect(await page.locator('[data-test=orders] .el-table__body-wrapper tr.el-table__row').count()).toBe(1),
  );
  await row.getByRole('button', { name: '退款' }).click();
  const dialog = page.locator('.el-dialog', { hasText: '按行退款' });
  await dialog.waitFor();
  const first = dialog.locator('.el-table__row').first();
  const input = first.locator('.el-input-number input');
  await input.fill('1');
  await input.press('Tab');
  await w.shot('refund-dialog');
  await dialog.getByRole('button', { name: '确认退款' }).click();
  await page.locator('.el-message--success', { hasText: '已提交退款' }).waitFor();
  // One line, one unit: WeChat Pay got exactly one refund of the tissue's or the greens' price for this order.
  const refunds = w.running.cloud.pay.listRefunds(w.env).filter((r: any) => r.outTradeNo === order.orderNo);
  expect(refunds).toHaveLength(1);
  expect([PRODUCTS['本地小青菜 500g'].fen, PRODUCTS['原木抽纸 3层×100抽×6包'].fen]).toContain(refunds[0].refundFee);
});

test('平台毛利 shows the coupon a resident used; a refund WeChat Pay closed shows in 订单 → 退款失败 and is retried there', async () => {
  const today = shanghaiDay(0);
  const coupon = await w.ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: `e2e-cpn-${Date.now()}`,
      title: '满30减5',
      kind: 'threshold',
      offFen: 500,
      thresholdFen: 3000,
      validFrom: today,
      validTo: shanghaiDay(7),
      total: 10,
    },
    ADMIN,
  );
  const copy = await w.ok('order', { action: 'coupons.claim', couponId: coupon._id }, 'oRESIDENT1');
  const order = await w.ok(
    'order',
    {
      action: 'create',
      clientRequestId: `e2e-coupon-${Date.now()}`,
      batchId: 'batch-today',
      lines: [{ batchItemId: 'batch-today-rice', qty: 1 }],
      couponId: copy._id,
    },
    'oRESIDENT1',
  );
  await w.ok('pay', { action: 'prepare', orderId: order._id }, 'oRESIDENT1');
  await w.running.cloud.pay.simulatePay(w.env, order.orderNo);
  const board = await w.ok('admin', { action: 'dashboard', from: today, to: today }, ADMIN);
  expect(board.margin.total.couponFen).toBe(500);
  await page.goto(`${w.consoleUrl}/#/dashboard`);
  await eventually(async () =>
    expect(await page.locator('[data-test=margin] [data-kpi=coupon]').textContent()).toContain(yuan(500)),
  );

  const outRefundNo = `e2e-close-${order.orderNo}`;
  await w.ok(
    'admin',
    {
      action: 'orders.refund',
      orderId: order._id,
      lines: [{ batchItemId: 'batch-today-rice', qty: 1 }],
      reason: '大米缺货',
      outRefundNo,
    },
    ADMIN,
  );
  await w.running.cloud.pay.simulateRefund(w.env, outRefundNo, { status: 'REFUNDCLOSE' });
  await page.goto(`${w.consoleUrl}/#/orders`);
  const failed = page.locator('[data-test=failed-refunds]');
  await failed.waitFor();
  const row = failed.locator('.el-table__row', { hasText: order.orderNo });
  await expect(row.textContent()).resolves.toContain(yuan(3990 - 500));
  await expect(row.textContent()).resolves.toContain('大米缺货');
  await w.shot('failed-refunds');
  await row.locator('[data-test=retry-refund]').click();
  await page.locator('.el-message--success', { hasText: '已重新提交退款' }).waitFor();
  await eventually(async () => expect(await page.locator('[data-test=failed-refunds]').count()).toBe(0));
  const asked = w.running.cloud.pay.listRefunds(w.env).filter((r: any) => r.outRefundNo === outRefundNo);
  expect(asked.map((r: any) => r.status)).toEqual(['PROCESSING']);
});

test('every page loads without an error, and every call it makes passes the server schema', async () => {
  const inFlight = new Set<Request>();
  const started = (r: Request) => r.url().includes('/client/functions/') && inFlight.add(r);
  const ended = (r: Request) => inFlight.delete(r);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  const items = page.locator('[data-test=side-menu] [data-menu]');
  const visited: string[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    await item.click();
    await page.waitForURL(new RegExp(`#${await item.getAttribute('data-menu-path')}`));
    // Settled: no call to the functions in flight for a moment.
    await eventually(async () => {
      expect(inFlight.size).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(inFlight.size).toBe(0);
    });
    const errors = await page.locator('.el-alert--error:visible, .el-message--error:visible').allTextContents();
    visited.push(`${(await item.textContent())?.trim()}: ${errors.join(' | ') || 'ok'}`);
  }
  page.off('request', started);
  page.off('requestfinished', ended);
  page.off('requestfailed', ended);
  expect(visited.filter((v) => !v.endsWith(': ok'))).toEqual([]);
  expect(visited).toHaveLength(19);
});

test('设置: the no-show rule saved is the one shown after a reload', async () => {
  await page.goto(`${w.consoleUrl}/#/settings`);
  const card = page.locator('[data-test=no-show-settings]');
  // Never saved: the defaults the timer applies.
  await expect(card.locator('.el-radio.is-checked').textContent()).resolves.toContain('保留');
  await card.locator('.el-radio', { hasText: /^退款$/ }).click();
  const grace = card.locator('.el-form-item', { hasText: '宽限' }).locator('input');
  await grace.fill('12');
  await grace.press('Tab');
  await card.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor();
  expect((await w.ok('admin', { action: 'settings.get' }, ADMIN)).noShow).toEqual({
    rule: 'refund',
    graceHours: 12,
    remindHoursBefore: 4,
  });

  await page.reload();
  await eventually(async () => expect(await card.locator('.el-radio.is-checked').textContent()).toContain('退款'));
  await expect(grace.inputValue()).resolves.toBe('12');
  await expect(card.textContent()).resolves.not.toContain('后端暂无查询接口');
  await w.shot('settings-no-show');
});

test('a supplier sees only its own menu items and purchase orders', async () => {
  const ctx = await w.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  await logIn(p, w.consoleUrl, '城南蔬菜基地', /#\/products/);
  const menu = await p.locator('[data-test=side-menu] [data-menu]').allTextContents();
  expect(menu.map((m) => m.trim())).toEqual(['商品', '采购单与分拣单', '销售统计', '对账结算']);
  await eventually(async () =>
    expect(await p.locator('[data-test=products] .el-table__body-wrapper .el-table__row').count()).toBeGreaterThan(0),
  );
  await w.shot('supplier-products', p);
  // Admin pages are not reachable by URL either.
  await p.goto(`${w.consoleUrl}/#/dashboard`);
  await p.waitForURL(/#\/products/);
  await ctx.close();
});

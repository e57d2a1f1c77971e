import { businessDate, businessInstant, addDays } from '../../cloudfunctions/core/domain/time';
import { DEFAULT_POINTS_SETTINGS } from '../../typings/points';
import { DEFAULT_REFERRAL_SETTINGS } from '../../typings/referral';
import { patch } from './shop';
import { ADMIN, NOT_ADMINS, RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

// Functions run in worker processes on a shared 2-core box: a test step may take seconds.
jest.setTimeout(60_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('admin-env', (seed) => {
    patch(seed, 'users', RES1, { phone: '13812345678' });
    patch(seed, 'users', RES2, { phone: '13987650000' });
    // Runs low: an inventory alert on the dashboard.
    patch(seed, 'batchItems', 'batch-today-grape', { stock: 3 });
  });
}, 60_000);
afterAll(() => w?.stop());

const HOUR = 3_600_000;
/** A valid window: opens now, cuts off in 2 h, picked up the next Shanghai day. */
function window() {
  const opensAt = w.now();
  const cutoffAt = new Date(opensAt.getTime() + 2 * HOUR);
  return {
    opensAt: opensAt.toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(businessDate(cutoffAt), 1),
  };
}
const item = (productId: string, extra: Record<string, unknown> = {}) => ({
  productId,
  priceFen: 500,
  originalPriceFen: 800,
  stock: 50,
  limitPerUser: 0,
  minQuantity: 0,
  ...extra,
});
const batchInput = (extra: Record<string, unknown> = {}) => ({
  title: '测试团',
  ...window(),
  items: [item('p-qingcai'), item('p-rice')],
  ...extra,
});

/** One valid input per console action: used for the role checks. */
function everyAction(): Array<[string, Record<string, unknown>]> {
  const today = businessDate(w.now());
  return [
    ['dashboard', { from: today, to: today }],
    ['suppliers.list', {}],
    ['suppliers.save', { name: '新供应商' }],
    ['suppliers.remove', { id: 'sup-daily' }],
    ['suppliers.bindUser', { supplierId: 'sup-veg', openid: RES1 }],
    ['categories.list', {}],
    ['categories.save', { name: '冻品', commissionBps: 900 }],
    ['categories.remove', { id: 'fresh' }],
    ['products.list', {}],
    ['products.get', { id: 'p-qingcai' }],
    [
      'products.save',
      { title: 'x', categoryId: 'fresh', supplierId: 'sup-veg', unit: '份', images: ['cloud://a/b.jpg'] },
    ],
    [
      'products.import',
      {
        requestId: 'import-roles-0001',
        rows: [{ line: 2, title: 'x', category: '生鲜', supplier: 'sup-veg', unit: '份', images: ['cloud://a/b.jpg'] }],
      },
    ],
    ['products.review', { id: 'p-qingcai', approve: true }],
    ['products.setStatus', { id: 'p-qingcai', status: 'disabled' }],
    ['batches.list', {}],
    ['batches.get', { id: 'batch-today' }],
    ['batches.create', batchInput()],
    ['batches.suggest', { productIds: ['p-qingcai'], pickupDate: today }],
    ['batches.open', { id: 'batch-tomorrow' }],
    ['batches.close', { id: 'batch-today' }],
    ['batches.items.update', { batchItemId: 'batch-today-qingcai', stock: 1 }],
    ['batches.items.topUp', { batchItemId: 'batch-today-qingcai', add: 5 }],
    ['stockAlerts.list', {}],
    ['stockAlerts.read', { ids: ['batch-today-qingcai|0'] }],
    ['orders.search', {}],
    ['orders.get', { id: 'nope' }],
    [
      'orders.refund',
      { orderId: 'nope', lines: [{ batchItemId: 'x', qty: 1 }], reason: '缺货', outRefundNo: 'r-123456' },
    ],
    ['afterSales.list', {}],
    ['afterSales.review', { id: 'nope', approve: true, reason: '同意' }],
    ['notices.list', {}],
    ['settings.get', {}],
    ['settings.save', { templates: { pickupReady: 'tmpl-1' } }],
    ['supply.run', { batchId: 'batch-today' }],
    ['supply.status', { batchId: 'batch-today' }],
    ['purchaseOrders.batches', {}],
    ['purchaseOrders.list', { batchId: 'batch-today' }],
    ['packingLists.list', { batchId: 'batch-today' }],
    ['packingLists.get', { batchId: 'batch-today', pickupPointId: 'pp-sunshine' }],
    ['routes.get', { batchId: 'batch-today' }],
  ];
}
const ALL = [
  'users',
  'suppliers',
  'categories',
  'products',
  'batches',
  'batchItems',
  'orders',
  'refunds',
  'settings',
  'jobs',
];
/** The console actions a supplier may call (scoped to its own documents). */
const SUPPLIER_ACTIONS = new Set([
  'categories.list',
  'products.list',
  'products.get',
  'products.save',
  'purchaseOrders.batches',
  'purchaseOrders.list',
]);

describe('roles', () => {
  test.each(NOT_ADMINS)('a %s is refused every console action and nothing changes', async (_who, openid, code) => {
    const before = await w.dump(...ALL);
    for (const [action, input] of everyAction()) {
      const res = await w.admin(action, input, openid);
      expect({ action, ok: res.ok, code: res.code }).toEqual({ action, ok: false, code });
    }
    expect(await w.dump(...ALL)).toBe(before);
  });

  test('a supplier is refused every admin-only action', async () => {
    const before = await w.dump(...ALL);
    for (const [action, input] of everyAction()) {
      if (SUPPLIER_ACTIONS.has(action)) continue;
      const res = await w.admin(action, input, SUPPLIER);
      expect({ action, code: res.code }).toEqual({ action, code: 'FORBIDDEN' });
    }
    expect(await w.dump(...ALL)).toBe(before);
  });

  test('a supplier sees and edits only its own products; input cannot widen its scope', async () => {
    const list = await w.ok('products.list', { supplierId: 'sup-oil', pageSize: 100 }, SUPPLIER);
    expect(list.total).toBe(7);
    expect(list.items.every((p: any) => p.supplierId === 'sup-veg')).toBe(true);
    expect((await w.admin('products.get', { id: 'p-rice' }, SUPPLIER)).code).toBe('NOT_FOUND');
    expect((await w.ok('products.get', { id: 'p-tomato' }, SUPPLIER)).title).toBe('自然熟西红柿');
    const before = await w.doc('products', 'p-rice');
    const edit = await w.admin(
      'products.save',
      { _id: 'p-rice', title: '改了', categoryId: 'grain', unit: '袋', images: ['cloud://x/y.jpg'] },
      SUPPLIER,
    );
    expect(edit.code).toBe('NOT_FOUND');
    expect(await w.doc('products', 'p-rice')).toEqual(before);
  });
});

describe('supplier products go through review', () => {
  test('a supplier product is pending, cannot go into a batch, and is live once approved', async () => {
    const created = await w.ok(
      'products.save',
      {
        title: '有机菠菜 500g',
        categoryId: 'fresh',
        supplierId: 'sup-oil', // ignored: a supplier always saves for itself
        unit: '份',
        images: ['cloud://env.bucket/products/spinach.jpg'],
        description: '基地直供',
        costFen: 420,
      },
      SUPPLIER,
    );
    expect(created).toMatchObject({ supplierId: 'sup-veg', status: 'pending', costFen: 420 });
    const pending = await w.ok('products.list', { status: 'pending' });
    expect(pending.items.map((p: any) => p._id)).toContain(created._id);

    const early = await w.admin('batches.create', batchInput({ items: [item(created._id)] }));
    expect(early.code).toBe('INVALID_INPUT');

    expect((await w.admin('products.review', { id: created._id, approve: true }, SUPPLIER)).code).toBe('FORBIDDEN');
    const approved = await w.ok('products.review', { id: created._id, approve: true, reason: '资料齐全' });
    expect(approved.status).toBe('active');
    const batch = await w.ok('batches.create', batchInput({ items: [item(created._id)] }));
    // The batch item starts from the supplier's 供货价; the admin may set another for the batch.
    expect(batch.items[0]).toMatchObject({
      productId: created._id,
      supplierId: 'sup-veg',
      title: '有机菠菜 500g',
      costFen: 420,
    });
    const own = await w.ok('batches.create', batchInput({ items: [{ ...item(created._id), costFen: 400 }] }));
    expect(own.items[0].costFen).toBe(400);

    // An edit by the supplier goes back to review; a rejection carries the reason.
    const { costFen: _kept, ...withoutCost } = created;
    const edited = await w.ok('products.save', { ...withoutCost, title: '有机菠菜 1kg' }, SUPPLIER);
    expect(edited).toMatchObject({ status: 'pending', costFen: 420 });
    expect((await w.admin('products.save', { ...withoutCost, costFen: -5 }, SUPPLIER)).code).toBe('INVALID_INPUT');
    const rejected = await w.ok('products.review', { id: created._id, approve: false, reason: '图片不清晰' });
    expect(rejected).toMatchObject({ status: 'rejected', reviewReason: '图片不清晰' });
    expect((await w.admin('products.review', { id: created._id, approve: true })).code).toBe('INVALID_STATE');
  });
});

describe('suppliers and categories', () => {
  test('CRUD with commission rates in 0..5000 bps; in-use ones cannot be removed', async () => {
    const sup = await w.ok('suppliers.save', { name: '海鲜直供', contact: '王海', phone: '13700000000' });
    expect((await w.ok('suppliers.list', { pageSize: 100 })).items).toContainEqual({ ...sup, accounts: [] });
    expect(await w.ok('suppliers.save', { ...sup, name: '海鲜直供2' })).toMatchObject({
      _id: sup._id,
      name: '海鲜直供2',
    });
    expect((await w.admin('suppliers.remove', { id: 'sup-veg' })).code).toBe('INVALID_STATE');
    expect(await w.ok('suppliers.remove', { id: sup._id })).toEqual({ removed: true });

    const cat = await w.ok('categories.save', { name: '冻品', commissionBps: 5000, sort: 9 });
    expect(cat).toMatchObject({ name: '冻品', commissionBps: 5000, sort: 9 });
    expect(await w.ok('categories.save', { _id: cat._id, name: '冻品', commissionBps: 0 })).toMatchObject({
      commissionBps: 0,
      sort: 9,
    });
    expect((await w.ok('categories.list')).map((c: any) => c._id)).toContain(cat._id);
    expect((await w.admin('categories.remove', { id: 'fresh' })).code).toBe('INVALID_STATE');
    expect(await w.ok('categories.remove', { id: cat._id })).toEqual({ removed: true });

    await w.ok('suppliers.bindUser', { supplierId: 'sup-oil', openid: 'oRESIDENT3' });
    expect(await w.doc('users', 'oRESIDENT3')).toMatchObject({
      roles: ['resident', 'supplier'],
      supplierId: 'sup-oil',
    });
    const own = await w.ok('products.list', { pageSize: 100 }, 'oRESIDENT3');
    expect(own.items.every((p: any) => p.supplierId === 'sup-oil')).toBe(true);
    // The supplier page lists who logs in for each supplier.
    const accounts = Object.fromEntries(
      (await w.ok('suppliers.list', { pageSize: 100 })).items.map((s: any) => [s._id, s.accounts]),
    );
    expect(accounts['sup-oil']).toEqual([{ openid: 'oRESIDENT3', nickname: '王五' }]);
    expect(accounts['sup-veg']).toEqual([{ openid: 'oSUPPLIER1', nickname: '陈建国' }]);
    expect(accounts['sup-daily']).toEqual([]);

    // An account nobody registered, or a supplier that does not exist: NOT_FOUND, nobody bound.
    const users = await w.dump('users');
    expect((await w.admin('suppliers.bindUser', { supplierId: 'sup-oil', openid: 'oNOBODY' })).code).toBe('NOT_FOUND');
    expect((await w.admin('suppliers.bindUser', { supplierId: 'sup-nope', openid: RES2 })).code).toBe('NOT_FOUND');
    expect((await w.admin('suppliers.bindUser', { supplierId: 'sup-oil', openid: '' })).code).toBe('INVALID_INPUT');
    expect(await w.dump('users')).toBe(users);
  });
});

describe('bad input', () => {
  test('each bad field is INVALID_INPUT and changes nothing', async () => {
    const watched = ['categories', 'suppliers', 'products', 'batches', 'batchItems', 'settings'];
    const before = await w.dump(...watched);
    const win = window();
    // 23:59 Shanghai on the pickup day is the last valid cut-off; midnight is the next day.
    const pickupDate = win.pickupDate;
    const dayEnd = businessInstant(addDays(pickupDate, 1), '00:00');
    const bad: Array<[string, Record<string, unknown>]> = [
      ['categories.save', { name: '冻品', commissionBps: 5001 }],
      ['categories.save', { name: '冻品', commissionBps: -1 }],
      ['categories.save', { name: '冻品', commissionBps: 12.5 }],
      ['categories.save', { name: '', commissionBps: 100 }],
      ['suppliers.save', { name: 'x', phone: 'call me' }],
      [
        'products.save',
        { title: 'x', categoryId: 'fresh', supplierId: 'sup-veg', unit: '份', images: ['http://a/b.jpg'] },
      ],
      ['products.save', { title: 'x', categoryId: 'fresh', supplierId: 'sup-veg', unit: '份', images: [] }],
      ['products.save', { title: 'x', categoryId: 'nope', supplierId: 'sup-veg', unit: '份', images: ['cloud://a/b'] }],
      ['products.save', { title: 'x', categoryId: 'fresh', unit: '份', images: ['cloud://a/b'] }],
      ['batches.create', batchInput({ opensAt: win.cutoffAt, cutoffAt: win.cutoffAt })],
      ['batches.create', batchInput({ opensAt: win.cutoffAt, cutoffAt: win.opensAt })],
      ['batches.create', batchInput({ cutoffAt: 'tonight' })],
      [
        'batches.create',
        batchInput({ cutoffAt: dayEnd.toISOString(), opensAt: new Date(dayEnd.getTime() - HOUR).toISOString() }),
      ],
      ['batches.create', batchInput({ pickupDate: '2030/01/01' })],
      // Not on the calendar (were stored, or answered INTERNAL).
      ['batches.create', batchInput({ pickupDate: '2099-13-45' })],
      ['batches.create', batchInput({ pickupDate: '2099-02-30' })],
      ['batches.create', batchInput({ pickupDate: '9999-99-99' })],
      ['batches.create', batchInput({ opensAt: '2099-02-30T08:00:00+08:00' })],
      ['batches.suggest', { productIds: ['p-qingcai'], pickupDate: '2099-02-30' }],
      ['batches.suggest', { productIds: ['p-qingcai'], pickupDate: '9999-99-99' }],
      ['dashboard', { from: '2026-11-32', to: '2026-12-01' }],
      ['dashboard', { from: '2026-11-30', to: '2026-12-00' }],
      ['batches.create', batchInput({ items: [] })],
      ['batches.create', batchInput({ items: [item('p-qingcai', { priceFen: 1.5 })] })],
      ['batches.create', batchInput({ items: [item('p-qingcai', { priceFen: 0 })] })],
      ['batches.create', batchInput({ items: [item('p-qingcai', { priceFen: 900 })] })],
      ['batches.create', batchInput({ items: [item('p-qingcai', { stock: -1 })] })],
      ['batches.create', batchInput({ items: [item('p-qingcai'), item('p-qingcai')] })],
      ['batches.create', batchInput({ items: [item('p-nope')] })],
      ['batches.items.update', { batchItemId: 'batch-today-qingcai', priceFen: '3' }],
      ['batches.items.topUp', { batchItemId: 'batch-today-qingcai', add: 0 }],
      ['batches.suggest', { productIds: [], pickupDate: '2030-01-01' }],
      ['dashboard', { from: '2030-01-02', to: '2030-01-01' }],
      ['dashboard', { from: '2030-01-01', to: '2030-12-31' }],
      ['orders.search', { phoneTail: '12' }],
      ['orders.search', { page: 0 }],
      ['settings.save', { templates: { 'bad key': 'x' } }],
      ['settings.save', { warehouse: { name: '仓', location: [200, 30] } }],
      ['afterSales.review', { id: 'x', approve: 'yes', reason: 'ok' }],
    ];
    for (const [action, input] of bad) {
      const res = await w.admin(action, input);
      const what = `${action} ${JSON.stringify(input)}`;
      expect({ what, code: res.code }).toEqual({ what, code: 'INVALID_INPUT' });
    }
    expect(await w.dump(...watched)).toBe(before);

    // The boundary itself: a cut-off one minute before the pickup day ends is fine.
    const last = new Date(dayEnd.getTime() - 60_000);
    const ok = await w.admin('batches.create', batchInput({ cutoffAt: last.toISOString() }));
    expect(ok.ok).toBe(true);
  });
});

describe('batches', () => {
  test('create → edit while draft → open → top up → close: every status change reaches the items', async () => {
    const input = batchInput({ requestId: 'batch-req-0001' });
    const created = await w.ok('batches.create', input);
    expect(created.batch.status).toBe('draft');
    expect(created.items.map((i: any) => [i.productId, i.batchStatus, i.title])).toEqual([
      ['p-qingcai', 'draft', '本地小青菜 500g'],
      ['p-rice', 'draft', '金龙鱼东北大米 5kg'],
    ]);
    // A retried create is the same batch.
    expect((await w.ok('batches.create', input)).batch._id).toBe(created.batch._id);
    expect(await w.find('batches', { _id: created.batch._id })).toHaveLength(1);
    const id = created.batch._id;
    const [qingcai, rice] = created.items.map((i: any) => i._id);

    expect(
      await w.ok('batches.items.update', { batchItemId: qingcai, priceFen: 350, stock: 30, limitPerUser: 2 }),
    ).toMatchObject({ priceFen: 350, stock: 30, limitPerUser: 2 });
    expect((await w.admin('batches.items.topUp', { batchItemId: qingcai, add: 5 })).code).toBe('INVALID_STATE');

    const opened = await w.ok('batches.open', { id });
    expect(opened.batch.status).toBe('open');
    expect((await w.find('batchItems', { batchId: id })).map((i: any) => i.batchStatus)).toEqual(['open', 'open']);
    expect((await w.admin('batches.items.update', { batchItemId: qingcai, priceFen: 1 })).code).toBe('INVALID_STATE');
    // The cost price is the platform's business with the supplier: it may still change while selling.
    expect(await w.ok('batches.items.update', { batchItemId: qingcai, costFen: 190 })).toMatchObject({
      costFen: 190,
      priceFen: 350,
    });

    // Residents buy while the admin tops up: the $inc keeps both.
    const order = await w.paidOrder(RES1, id, [{ batchItemId: qingcai, qty: 2 }]);
    expect(order.totalFen).toBe(700);
    expect(await w.ok('batches.items.topUp', { batchItemId: qingcai, add: 10 })).toMatchObject({ stock: 38, sold: 2 });

    const closed = await w.ok('batches.close', { id });
    expect(closed.batch.status).toBe('cutoff');
    const items = await w.find('batchItems', { batchId: id });
    expect(items.map((i: any) => i.batchStatus)).toEqual(['cutoff', 'cutoff']);
    // Early cut-off: the window copy on the items moved with the batch.
    const batch = await w.doc('batches', id);
    expect(items.every((i: any) => new Date(i.cutoffAt).getTime() === new Date(batch.cutoffAt).getTime())).toBe(true);
    expect(new Date(batch.cutoffAt).getTime()).toBeLessThanOrEqual(w.now().getTime());
    const late = await w.call(
      'order',
      { action: 'create', clientRequestId: 'late-after-close', batchId: id, lines: [{ batchItemId: rice, qty: 1 }] },
      RES1,
    );
    expect(late.code).toBe('BATCH_CLOSED');

    expect((await w.ok('batches.close', { id })).batch.status).toBe('closed');
    expect((await w.find('batchItems', { batchId: id })).map((i: any) => i.batchStatus)).toEqual(['closed', 'closed']);
    // Once closed nothing moves, the cost price neither.
    expect((await w.admin('batches.items.update', { batchItemId: qingcai, costFen: 150 })).code).toBe('INVALID_STATE');
    expect((await w.doc('batchItems', qingcai)).costFen).toBe(190);
    expect((await w.admin('batches.open', { id })).code).toBe('INVALID_STATE');
    const listed = await w.ok('batches.list', { status: 'closed' });
    expect(listed.items.map((b: any) => b._id)).toContain(id);
  });

  test('suggest: stock per product from the forecast over past batches', async () => {
    const target = '2031-03-10';
    // Four past days, 10 units a day of 青菜 at one point; 大米 never sold.
    for (let d = 1; d <= 4; d++) {
      const batchId = `hist-${d}`;
      const pickupDate = addDays(target, -d);
      await w.db.collection('batches').add({
        data: { _id: batchId, title: 'h', status: 'closed', opensAt: new Date(0), cutoffAt: new Date(0), pickupDate },
      });
      await w.db.collection('orders').add({
        data: {
          _id: `hist-order-${d}`,
          orderNo: `hist${d}000000`,
          openid: RES1,
          batchId,
          pickupPointId: 'pp-sunshine',
          leaderId: 'leader-wang',
          status: 'picked_up',
          pickupKey: `hist-key-${d}`,
          lines: [
            {
              batchItemId: `${batchId}-q`,
              productId: 'p-qingcai',
              title: '青菜',
              qty: 10,
              refundedQty: 0,
              amountFen: 2900,
              refundedFen: 0,
            },
          ],
          totalFen: 2900,
          paidFen: 2900,
          refundedFen: 0,
          createdAt: new Date(0),
          paidAt: new Date(0),
        },
      });
    }
    const res = await w.ok('batches.suggest', { productIds: ['p-qingcai', 'p-rice'], pickupDate: target });
    const noAccuracy = { mape: null, naiveMape: null, days: 0 };
    expect(res).toEqual([
      // Four days of history: no day has a sale day a week before it, so accuracy cannot be judged yet.
      { productId: 'p-qingcai', forecast: 10, suggestedStock: 12, observations: 4, accuracy: noAccuracy },
      { productId: 'p-rice', forecast: 0, suggestedStock: 0, observations: 0, accuracy: noAccuracy },
    ]);
  });
});

describe('orders, after-sales, dashboard, settings', () => {
  test('search by batch, status, point, order number and phone tail; refund through the admin refund use case', async () => {
    const a = await w.paidOrder(RES1, 'batch-today', [{ batchItemId: 'batch-today-egg', qty: 1 }]);
    const b = await w.paidOrder(RES2, 'batch-today', [{ batchItemId: 'batch-today-rice', qty: 2 }]);
    const byPhone = await w.ok('orders.search', { phoneTail: '5678', batchId: 'batch-today' });
    expect(byPhone.items.map((o: any) => o.openid)).toEqual(byPhone.items.map(() => RES1));
    expect(byPhone.items[0]).toMatchObject({ buyerName: '张三', buyerPhone: '138****5678' });
    expect(JSON.stringify(byPhone)).not.toMatch(/pickupKey|pickupCodeCipher/);
    expect((await w.ok('orders.search', { orderNo: b.orderNo })).items.map((o: any) => o._id)).toEqual([b._id]);
    const atPoint = await w.ok('orders.search', { pickupPointId: 'pp-cuiyuan', status: 'paid' });
    expect(atPoint.items.every((o: any) => o.pickupPointId === 'pp-cuiyuan' && o.status === 'paid')).toBe(true);
    expect(atPoint.total).toBeGreaterThanOrEqual(1);

    const refund = await w.ok('orders.refund', {
      orderId: a._id,
      lines: [{ batchItemId: 'batch-today-egg', qty: 1 }],
      reason: '破损',
      outRefundNo: `adm-${a.orderNo}-1`,
    });
    expect(refund).toMatchObject({ orderId: a._id, refundFee: 2590, status: 'pending' });
    const again = await w.ok('orders.refund', {
      orderId: a._id,
      lines: [{ batchItemId: 'batch-today-egg', qty: 1 }],
      reason: '破损',
      outRefundNo: `adm-${a.orderNo}-1`,
    });
    expect(again._id).toBe(refund._id);
    expect(await w.find('refunds', { orderId: a._id })).toHaveLength(1);
  });

  test('after-sales: approve refunds with a deterministic out_refund_no, once; reject records the reason', async () => {
    const order = await w.arrivedOrder(RES2, 'batch-today', [{ batchItemId: 'batch-today-pork', qty: 2 }]);
    const ask = async () => {
      const res = await w.call(
        'order',
        {
          action: 'afterSale',
          orderId: order._id,
          lines: [{ batchItemId: 'batch-today-pork', qty: 1 }],
          reason: '变质',
        },
        RES2,
      );
      expect(res.ok).toBe(true);
      return res.data._id as string;
    };
    const first = await ask();
    expect((await w.ok('afterSales.list', { status: 'pending' })).items.map((a: any) => a._id)).toContain(first);
    const tooMuch = await w.admin('afterSales.review', {
      id: first,
      approve: true,
      reason: '同意',
      refundLines: [{ batchItemId: 'batch-today-pork', qty: 2 }],
    });
    expect(tooMuch.code).toBe('INVALID_INPUT');
    expect((await w.doc('afterSales', first)).status).toBe('pending');

    const approved = await w.ok('afterSales.review', { id: first, approve: true, reason: '同意退款' });
    expect(approved).toMatchObject({ status: 'refunded', outRefundNo: `as-${first}` });
    const refunds = await w.find('refunds', { orderId: order._id });
    expect(refunds).toEqual([expect.objectContaining({ _id: `as-${first}`, refundFee: 1690 })]);
    expect((await w.ok('afterSales.review', { id: first, approve: true, reason: '同意退款' })).status).toBe('refunded');
    expect(await w.find('refunds', { orderId: order._id })).toHaveLength(1);

    const second = await ask();
    const rejected = await w.ok('afterSales.review', { id: second, approve: false, reason: '已超过售后期' });
    expect(rejected).toMatchObject({ status: 'rejected', reviewReason: '已超过售后期' });
    expect((await w.admin('afterSales.review', { id: second, approve: true, reason: 'x' })).code).toBe('INVALID_STATE');
    expect(await w.find('refunds', { orderId: order._id })).toHaveLength(1);
  });

  test('dashboard: GMV, orders, average, top SKUs, leader ranking, daily series and stock alerts', async () => {
    const today = businessDate(w.now());
    const from = addDays(today, -2);
    const d = await w.ok('dashboard', { from, to: today });
    const paid = (await w.find('orders')).filter(
      (o: any) => o.paidAt && businessDate(new Date(o.paidAt)) === today && o.status !== 'cancelled',
    );
    expect(paid.length).toBeGreaterThan(0);
    const gmv = paid.reduce((s: number, o: any) => s + o.paidFen, 0);
    expect(d).toMatchObject({ gmvFen: gmv, orders: paid.length, avgOrderFen: Math.round(gmv / paid.length) });
    expect(d.daily.map((p: any) => p.date)).toEqual([from, addDays(today, -1), today]);
    expect(d.daily[2]).toMatchObject({ gmvFen: gmv, orders: paid.length });
    expect(d.daily[0]).toEqual({ date: from, gmvFen: 0, orders: 0, refundedFen: 0 });
    expect(d.buyers).toBe(new Set(paid.map((o: any) => o.openid)).size);
    const top = d.topSkus[0];
    expect(top.amountFen).toBeGreaterThanOrEqual(d.topSkus[d.topSkus.length - 1].amountFen);
    expect(d.leaderRanking.map((l: any) => l.name).sort()).toEqual(
      [...new Set(paid.map((o: any) => o.leaderId))].map((id) => (id === 'leader-wang' ? '王阿姨' : '李师傅')).sort(),
    );
    expect(d.leaderRanking.reduce((s: number, l: any) => s + l.gmvFen, 0)).toBe(gmv);
    expect(d.inventoryAlerts.map((a: any) => a.batchItemId)).toContain('batch-today-grape');
    expect(d.inventoryAlerts.map((a: any) => a.batchItemId)).not.toContain('batch-today-qingcai');

    // The platform's margin on the same orders: kept money − units kept at cost − leader commission.
    const items = new Map((await w.find('batchItems')).map((i: any) => [i._id, i]));
    const lines = paid.flatMap((o: any) => o.lines);
    const revenue = lines.reduce((s: number, l: any) => s + l.amountFen - l.refundedFen, 0);
    const cost = lines.reduce(
      (s: number, l: any) => s + (l.qty - l.refundedQty) * (items.get(l.batchItemId) as any).costFen,
      0,
    );
    const ids = new Set(paid.map((o: any) => o._id));
    const commission = (await w.find('commissionOrders'))
      .filter((c: any) => ids.has(c._id))
      .reduce((s: number, c: any) => s + c.netFen, 0);
    const today3 = { revenueFen: revenue, costFen: cost, commissionFen: commission, couponFen: 0 };
    expect(d.margin.daily[2]).toEqual({
      date: today,
      ...today3,
      marginFen: revenue - cost - commission,
      costPendingUnits: 0,
    });
    expect(cost).toBeGreaterThan(0);
    expect(d.margin.daily[0]).toMatchObject({ revenueFen: 0, costFen: 0, marginFen: 0 });
    expect(d.margin.total).toMatchObject(today3);
    // Categories and ranked leaders split the same revenue and cost, to the fen.
    const sum = (rows: any[], k: string) => rows.reduce((s, r) => s + r[k], 0);
    expect([sum(d.margin.categories, 'revenueFen'), sum(d.margin.categories, 'costFen')]).toEqual([revenue, cost]);
    expect(d.margin.categories.find((c: any) => c.categoryId === 'fresh')).toMatchObject({ name: '生鲜' });
    expect(d.margin.leaders.map((l: any) => l.leaderId)).toEqual(d.leaderRanking.map((l: any) => l.leaderId));
    expect([sum(d.margin.leaders, 'revenueFen'), sum(d.margin.leaders, 'costFen')]).toEqual([revenue, cost]);
    expect(sum(d.margin.leaders, 'commissionFen')).toBe(commission);
  });

  test('notices are listed as stored, newest first; settings keep template ids and the warehouse', async () => {
    await w.db.collection('notices').add({
      data: [
        { _id: 'n1', kind: 'arrival', status: 'sent', createdAt: new Date(1000) },
        { _id: 'n2', kind: 'arrival', status: 'failed', createdAt: new Date(2000) },
      ],
    });
    const notices = await w.ok('notices.list', { pageSize: 10 });
    expect(notices.items.map((n: any) => n._id).slice(0, 2)).toEqual(['n2', 'n1']);
    expect((await w.ok('notices.list', { status: 'sent' })).items.map((n: any) => n._id)).toEqual(['n1']);

    const saved = await w.ok('settings.save', {
      templates: { pickupReady: 'TMPL_PICKUP', pickupReminder: 'TMPL_REMIND' },
      warehouse: { name: '上海仓', location: [121.4, 31.2] },
    });
    expect(saved).toEqual({
      templates: { pickupReady: 'TMPL_PICKUP', pickupReminder: 'TMPL_REMIND' },
      // What the notices go out with: the saved ids.
      sending: { pickupReady: 'TMPL_PICKUP', pickupReminder: 'TMPL_REMIND', refundDone: 'TPL_REFUND' },
      warehouse: { name: '上海仓', location: [121.4, 31.2] },
      // Never saved: the defaults the no-show timer applies.
      noShow: { rule: 'keep', graceHours: 24, remindHoursBefore: 4 },
      banners: [],
      points: DEFAULT_POINTS_SETTINGS,
      referral: DEFAULT_REFERRAL_SETTINGS,
      // Never saved: no 团长券, one coupon per order.
      coupons: { leaderMonthlyBudgetFen: 0, stacking: false },
    });
    // A template nothing sends is refused, and changes nothing.
    expect((await w.admin('settings.save', { templates: { orderPaid: 'TMPL_PAID' } })).code).toBe('INVALID_INPUT');
    expect((await w.ok('settings.get')).templates).toEqual(saved.templates);
    const cleared = await w.ok('settings.save', { templates: { pickupReminder: '' } });
    expect(cleared.templates).toEqual({ pickupReady: 'TMPL_PICKUP' });
    // Cleared: the reminder goes out with the development id again, as the outbox shows.
    expect(cleared.sending).toEqual({
      pickupReady: 'TMPL_PICKUP',
      pickupReminder: 'TPL_PICKUP_REMINDER',
      refundDone: 'TPL_REFUND',
    });
    expect(await w.ok('settings.get')).toEqual(cleared);
  });
});

test('the supply function refuses a resident, a stranger and an admin-less timer look-alike', async () => {
  expect((await w.call('supply', { action: 'run', batchId: 'batch-today' }, RES1)).code).toBe('FORBIDDEN');
  expect((await w.call('supply', { action: 'run', batchId: 'batch-today' })).code).toBe('UNAUTHENTICATED');
  // A "timer" event from the mini-program carries an OPENID: it is not the timer.
  expect((await w.call('supply', { Type: 'Timer' }, RES1)).code).toBe('UNKNOWN_ACTION');
  expect((await w.call('supply', { action: 'status', batchId: 'batch-today' }, ADMIN)).data.phase).toBe('none');
});

import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * Low-stock alerts to the admin: the every-minute scheduler raises one per item
 * each time its stock crosses under the line, whatever the number of ticks;
 * the console lists them and marks them read.
 */
jest.setTimeout(60_000);
const env = 'stock-alerts-env';
const MINUTE = 60_000;
let w: AdminWorld;
let batchId: string;
let qingcai: string;

beforeAll(async () => {
  w = await startAdminWorld(env);
  const now = w.now();
  const line = (productId: string, stock: number) => ({
    productId,
    priceFen: 300,
    originalPriceFen: 400,
    stock,
    limitPerUser: 0,
    minQuantity: 0,
  });
  const created = await w.ok('batches.create', {
    title: '库存预警团',
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: new Date(now.getTime() + 120 * MINUTE).toISOString(),
    pickupDate: addDays(businessDate(now), 1),
    items: [line('p-qingcai', 8), line('p-rice', 100)],
  });
  batchId = created.batch._id;
  qingcai = created.items.find((i: any) => i.productId === 'p-qingcai')._id;
  await w.ok('batches.open', { id: batchId });
}, 60_000);
afterAll(() => w?.stop());

const tick = async () => {
  const res: any = await w.t.running.cloud.functions.fireTrigger(env, 'scheduler');
  expect(res.ok).toBe(true);
  return res.data;
};
const alertsOfBatch = async (unread = false) =>
  (await w.ok('stockAlerts.list', { pageSize: 100, unread })).items.filter((a: any) => a.batchId === batchId);

test('an order taking stock under the line alerts the admin once, however many ticks run', async () => {
  await tick();
  expect(await alertsOfBatch()).toEqual([]);

  await w.paidOrder(RES1, batchId, [{ batchItemId: qingcai, qty: 4 }]);
  const first = await tick();
  expect(first.lowStockAlerts).toBeGreaterThanOrEqual(1);
  await tick();
  await tick();
  const alerts = await alertsOfBatch();
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({
    _id: `${qingcai}|0`,
    batchItemId: qingcai,
    batchTitle: '库存预警团',
    title: '本地小青菜 500g',
    stock: 4,
    sold: 4,
  });
  expect(alerts[0].readAt).toBeUndefined();
});

test('a top-up back above the line re-arms it: the next crossing alerts again', async () => {
  await w.ok('batches.items.topUp', { batchItemId: qingcai, add: 20 });
  await tick();
  expect(await alertsOfBatch()).toHaveLength(1);
  await w.paidOrder(RES2, batchId, [{ batchItemId: qingcai, qty: 19 }]);
  await tick();
  await tick();
  const alerts = await alertsOfBatch();
  expect(alerts.map((a: any) => [a._id, a.stock])).toEqual(
    expect.arrayContaining([
      [`${qingcai}|0`, 4],
      [`${qingcai}|1`, 5],
    ]),
  );
  expect(alerts).toHaveLength(2);
});

test('the admin marks alerts read; only unread ones stay in the badge count', async () => {
  const [newest] = await alertsOfBatch(true);
  expect(await w.ok('stockAlerts.read', { ids: [newest._id] })).toEqual({ read: 1 });
  expect(await w.ok('stockAlerts.read', { ids: [newest._id] })).toEqual({ read: 0 });
  expect((await alertsOfBatch(true)).map((a: any) => a._id)).toEqual([`${qingcai}|0`]);
  expect((await alertsOfBatch()).find((a: any) => a._id === newest._id).readAt).toEqual(expect.any(String));
});

test('bad input is INVALID_INPUT and strangers, residents and suppliers are refused; nothing changes', async () => {
  const before = await w.dump('stockAlerts', 'batchItems');
  for (const [action, input] of [
    ['stockAlerts.read', { ids: [] }],
    ['stockAlerts.read', { ids: ['x'.repeat(200)] }],
    ['stockAlerts.list', { page: 0 }],
    ['stockAlerts.list', { unread: 'yes' }],
  ] as const)
    expect({ action, code: (await w.admin(action, input)).code }).toEqual({ action, code: 'INVALID_INPUT' });
  const ids = [`${qingcai}|0`];
  for (const [who, code] of [
    [RES1, 'FORBIDDEN'],
    [SUPPLIER, 'FORBIDDEN'],
    [undefined, 'UNAUTHENTICATED'],
  ] as const) {
    expect((await w.admin('stockAlerts.list', {}, who)).code).toBe(code);
    expect((await w.admin('stockAlerts.read', { ids }, who)).code).toBe(code);
  }
  expect(await w.dump('stockAlerts', 'batchItems')).toBe(before);
});

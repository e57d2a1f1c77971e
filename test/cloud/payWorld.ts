import { useLocalCloud } from '../../emulator/src';
import { startCloudTest, type CloudTest } from './harness';

/**
 * A small group-buy world for the payment and scheduler tests: one pickup
 * point, one open batch with items, residents who order through the real
 * order function. The test process reads and arranges documents with the real
 * wx-server-sdk, as a console script would.
 */
export const POINT = 'pp-pay-1';
export const BATCH = 'batch-pay-1';
export const LEADER = 'leader-pay-1';

const COLLECTIONS = [
  'users',
  'leaders',
  'pickupPoints',
  'categories',
  'suppliers',
  'products',
  'batches',
  'batchItems',
  'orders',
  'afterSales',
  'payments',
  'refunds',
];

export interface ItemSpec {
  _id: string;
  priceFen: number;
  stock: number;
  minQuantity?: number;
}

export interface PayWorld {
  t: CloudTest;
  env: string;
  db: any;
  now(): Date;
  createOrder(openid: string, lines: Array<{ batchItemId: string; qty: number }>): Promise<any>;
  prepare(openid: string, orderId: string): Promise<any>;
  order(id: string): Promise<any>;
  item(id: string): Promise<any>;
  find(collection: string, where?: Record<string, unknown>): Promise<any[]>;
  /** How many cloudPay calls of one API the functions have made. */
  payCalls(api: string): number;
  fireScheduler(): Promise<any>;
  stop(): Promise<void>;
}

export async function startPayWorld(env: string, items: ItemSpec[], cutoffInMs = 2 * 3600_000): Promise<PayWorld> {
  const t = await startCloudTest(env);
  const cloud = t.running.cloud;
  useLocalCloud({ url: t.running.url, env });
  const sdk = require('wx-server-sdk');
  sdk.init({ env });
  const db = sdk.database();
  for (const name of COLLECTIONS) await db.createCollection(name).catch(() => undefined);

  const now = () => new Date(cloud.clock.now());
  const opensAt = new Date(now().getTime() - 3600_000);
  const cutoffAt = new Date(now().getTime() + cutoffInMs);
  await db.collection('leaders').add({
    data: {
      _id: LEADER,
      openid: 'oLeaderPay',
      name: '王团长',
      pickupPointId: POINT,
      status: 'active',
      createdAt: now(),
    },
  });
  await db.collection('pickupPoints').add({
    data: {
      _id: POINT,
      name: '阳光小区 3 栋',
      address: '阳光路 1 号',
      location: db.Geo.Point(121.47, 31.23),
      hours: '9:00-21:00',
      leaderId: LEADER,
      active: true,
    },
  });
  await db
    .collection('batches')
    .add({ data: { _id: BATCH, title: '明日达', status: 'open', opensAt, cutoffAt, pickupDate: '2030-01-01' } });
  for (const [i, spec] of items.entries()) {
    await db.collection('batchItems').add({
      data: {
        _id: spec._id,
        batchId: BATCH,
        productId: `p-${spec._id}`,
        title: `商品${i + 1}`,
        unit: '份',
        categoryId: 'cat-1',
        supplierId: 'sup-1',
        priceFen: spec.priceFen,
        originalPriceFen: spec.priceFen + 100,
        stock: spec.stock,
        sold: 0,
        limitPerUser: 0,
        minQuantity: spec.minQuantity ?? 0,
        sort: i,
        batchStatus: 'open',
        opensAt,
        cutoffAt,
      },
    });
  }

  // Counts cloudPay calls per API (wx.wxPayApi carries the API name in apiName).
  const payCalls = new Map<string, number>();
  const handlePayApi = cloud.pay.handlePayApi.bind(cloud.pay);
  cloud.pay.handlePayApi = (req) => {
    const api = String(req.body.apiName ?? '');
    payCalls.set(api, (payCalls.get(api) ?? 0) + 1);
    return handlePayApi(req);
  };

  const ok = (res: any) => {
    if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
    return res.data;
  };
  let clientSeq = 0;
  const world: PayWorld = {
    t,
    env,
    db,
    now,
    createOrder: async (openid, lines) =>
      ok(
        await t.call(
          'order',
          {
            action: 'create',
            clientRequestId: `req-${Date.now()}-${clientSeq++}`,
            batchId: BATCH,
            pickupPointId: POINT,
            lines,
          },
          openid,
        ),
      ),
    prepare: (openid, orderId) => t.call('pay', { action: 'prepare', orderId }, openid),
    order: async (id) => (await db.collection('orders').where({ _id: id }).get()).data[0],
    item: async (id) => (await db.collection('batchItems').where({ _id: id }).get()).data[0],
    find: async (collection, where = {}) => (await db.collection(collection).where(where).limit(1000).get()).data,
    payCalls: (api) => payCalls.get(api) ?? 0,
    fireScheduler: () => cloud.functions.fireTrigger(env, 'scheduler'),
    stop: () => t.stop(),
  };
  return world;
}

import type { SeedFile } from '../../database/seed';
import { balance, type LedgerEntry } from '../../cloudfunctions/core/domain/commission';
import { rid, startShop, type Shop } from './shop';

/**
 * The demo shop plus test leaders (leader-t<n>, openid oLEADERT<n>, each with its own
 * pickup point and a resident oREST<n> bound to it), so every scenario owns a
 * leader whose money starts at zero. Orders go through the real order and pay
 * functions and WeChat Pay simulation; the commission timer is fired by hand.
 */
export const ADMIN = 'oADMIN';
export const leaderOf = (n: number) => ({ leaderId: `leader-t${n}`, openid: `oLEADERT${n}`, resident: `oREST${n}` });

/** Unlimited items of the open batch and their categories' rates (seed: fresh 1000, fruit 1200, grain 800, daily 600). */
export const ITEMS = {
  qingcai: { id: 'batch-today-qingcai', priceFen: 290, bps: 1000 },
  tomato: { id: 'batch-today-tomato', priceFen: 399, bps: 1000 },
  orange: { id: 'batch-today-orange', priceFen: 2990, bps: 1200 },
  banana: { id: 'batch-today-banana', priceFen: 990, bps: 1200 },
  rice: { id: 'batch-today-rice', priceFen: 3990, bps: 800 },
  tissue: { id: 'batch-today-tissue', priceFen: 2690, bps: 600 },
  detergent: { id: 'batch-today-detergent', priceFen: 1290, bps: 600 },
};

const COMMISSION_COLLECTIONS = [
  'payments',
  'refunds',
  'commissionLedger',
  'commissionOrders',
  'leaderBalances',
  'withdrawals',
  'jobs',
  'settings',
];

export interface CommissionWorld extends Shop {
  env: string;
  now(): Date;
  /** Creates, prepares and pays an order as the resident; answers the stored order. */
  paidOrder(openid: string, lines: Array<{ batchItemId: string; qty: number }>): Promise<any>;
  /** What the leader function will do at verification: picked_up, with a history entry. */
  pickUp(orderId: string): Promise<void>;
  /** An admin refund of lines, completed by WeChat Pay. */
  refund(orderId: string, lines: Array<{ batchItemId: string; qty: number }>): Promise<void>;
  reconcile(): Promise<any>;
  commission(action: string, openid: string | undefined, data?: Record<string, unknown>): Promise<any>;
  admin(action: string, openid: string | undefined, data?: Record<string, unknown>): Promise<any>;
  ledgerOf(leaderId: string): Promise<LedgerEntry[]>;
  availableDoc(leaderId: string): Promise<number>;
  /** Moves the clock far enough for orders picked up now to settle. */
  passSettleDays(days?: number): void;
}

export async function startCommissionWorld(
  env: string,
  leaders: number,
  settings: Record<string, unknown> = { settleDays: 7, tiers: [], newLeaderBonus: null, minWithdrawFen: 100 },
): Promise<CommissionWorld> {
  const shop = await startShop(env, (seed) => addTestLeaders(seed, leaders));
  const cloud = shop.t.running.cloud;
  await shop.db.collection('settings').doc('commission').set({ data: settings });
  const ok = (res: any) => {
    if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
    return res.data;
  };
  const world: CommissionWorld = {
    ...shop,
    env,
    now: () => new Date(cloud.clock.now()),
    async paidOrder(openid, lines) {
      const order = ok(
        await shop.call(
          'order',
          { action: 'create', clientRequestId: rid('c'), batchId: 'batch-today', lines },
          openid,
        ),
      );
      ok(await shop.call('pay', { action: 'prepare', orderId: order._id }, openid));
      await cloud.pay.simulatePay(env, order.orderNo, { openid });
      const stored = await shop.doc('orders', order._id);
      if (stored.status !== 'paid') throw new Error(`order ${order._id} is ${stored.status}`);
      return stored;
    },
    async pickUp(orderId) {
      const at = world.now();
      await shop.db
        .collection('orders')
        .doc(orderId)
        .update({ data: { status: 'picked_up', history: shop._.push([{ status: 'picked_up', at, note: '核销' }]) } });
    },
    async refund(orderId, lines) {
      const outRefundNo = rid('rf');
      ok(await shop.call('pay', { action: 'refund', orderId, lines, reason: '缺货', outRefundNo }, ADMIN));
      await cloud.pay.simulateRefund(env, outRefundNo);
      const r = await shop.doc('refunds', outRefundNo);
      if (r.status !== 'success') throw new Error(`refund ${outRefundNo} is ${r.status}`);
    },
    reconcile: () => cloud.functions.fireTrigger(env, 'commission'),
    commission: (action, openid, data = {}) => shop.call('commission', { action, ...data }, openid),
    admin: (action, openid, data = {}) => shop.call('admin', { action, ...data }, openid),
    async ledgerOf(leaderId) {
      const docs = await shop.find('commissionLedger', { leaderId });
      return docs.map((d: any) => ({ ...d, id: d._id, at: new Date(d.at) }));
    },
    async availableDoc(leaderId) {
      return (await shop.doc('leaderBalances', leaderId))?.availableFen ?? 0;
    },
    passSettleDays(days = 7) {
      cloud.clock.advance(days * 24 * 3600_000 + 60_000);
    },
  };
  return world;
}

/** The buckets the domain computes from a set of ledger entries (what summary must answer). */
export const buckets = (entries: LedgerEntry[]) => balance(entries);

function addTestLeaders(seed: SeedFile, n: number): void {
  const c = seed.collections;
  const created = c.leaders[0].createdAt;
  for (const name of COMMISSION_COLLECTIONS) c[name] ??= [];
  for (const item of Object.values(ITEMS)) {
    const doc = c.batchItems.find((d) => d._id === item.id)!;
    Object.assign(doc, { stock: 100_000, limitPerUser: 0 });
  }
  for (let i = 1; i <= n; i++) {
    const { leaderId, openid, resident } = leaderOf(i);
    const pp = `pp-t${i}`;
    c.pickupPoints.push({
      _id: pp,
      name: `测试自提点${i}`,
      address: `测试路${i}号`,
      location: { type: 'Point', coordinates: [121.5 + i / 1000, 31.2] },
      hours: '08:00-21:00',
      leaderId,
      active: true,
    });
    c.leaders.push({
      _id: leaderId,
      openid,
      name: `测试团长${i}`,
      pickupPointId: pp,
      status: 'active',
      createdAt: created,
    });
    c.users.push(
      { _id: openid, nickname: `测试团长${i}`, roles: ['resident', 'leader'], pickupPointId: pp, createdAt: created },
      {
        _id: resident,
        nickname: `居民${i}`,
        roles: ['resident'],
        pickupPointId: pp,
        referrerLeaderId: leaderId,
        createdAt: created,
      },
    );
  }
}

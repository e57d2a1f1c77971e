import type { SeedFile } from '../../database/seed';
import { addDays } from '../../cloudfunctions/core/domain/time';
import { rid, startShop, type Shop } from './shop';

/**
 * The demo shop plus what the console tests need: the collections the pay
 * function writes, an admin caller, and residents who order and pay through
 * the real order and pay functions (WeChat Pay simulated by the local cloud).
 */
export const ADMIN = 'oADMIN';
export const SUPPLIER = 'oSUPPLIER1'; // sup-veg
export const RES1 = 'oRESIDENT1'; // pp-sunshine
export const RES2 = 'oRESIDENT2'; // pp-cuiyuan
export const LEADER1 = 'oLEADER1';
/** A batches.create line: ¥1 under its 划线价, 50 in stock, no limit, no minimum. */
export const batchLine = (productId: string, priceFen: number) => ({
  productId,
  priceFen,
  originalPriceFen: priceFen + 100,
  stock: 50,
  limitPerUser: 0,
  minQuantity: 0,
});

/** A coupons.create input: 满30减5, 100 copies, from `today` (a Shanghai date) for a week. */
export const couponInput = (today: string, extra: Record<string, unknown> = {}) => ({
  requestId: rid('cpn'),
  title: '满30减5',
  kind: 'threshold',
  offFen: 500,
  thresholdFen: 3000,
  validFrom: today,
  validTo: addDays(today, 7),
  total: 100,
  ...extra,
});

export const NOT_ADMINS: Array<[string, string | undefined, string]> = [
  ['resident', RES1, 'FORBIDDEN'],
  ['leader', LEADER1, 'FORBIDDEN'],
  ['unknown user', 'oNOBODY', 'FORBIDDEN'],
  ['stranger', undefined, 'UNAUTHENTICATED'],
];

export interface AdminWorld extends Shop {
  env: string;
  /** As the admin unless a caller is given (undefined = a stranger without OPENID). */
  admin<T = any>(action: string, data?: Record<string, unknown>, ...as: [string?]): Promise<T>;
  /** data of an ok answer, else throws with the code. */
  ok<T = any>(action: string, data?: Record<string, unknown>, ...as: [string?]): Promise<T>;
  paidOrder(
    openid: string,
    batchId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    pickupPointId?: string,
  ): Promise<any>;
  /** A paid order whose goods reached the point (as the leader's 确认到货 leaves it: status arrived, history 到货). */
  arrivedOrder(
    openid: string,
    batchId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    pickupPointId?: string,
  ): Promise<any>;
  unpaidOrder(
    openid: string,
    batchId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    pickupPointId?: string,
  ): Promise<any>;
  /** Moves the local cloud's clock (functions see it too). */
  advance(ms: number): void;
  now(): Date;
  /** Every document of the collections, for "nothing changed" checks. */
  dump(...collections: string[]): Promise<string>;
}

export async function startAdminWorld(env: string, tweak?: (seed: SeedFile) => void): Promise<AdminWorld> {
  const shop = await startShop(env, tweak);
  for (const name of ['payments', 'refunds', 'notices', 'settings'])
    await shop.db.createCollection(name).catch(() => undefined);
  const cloud = shop.t.running.cloud;
  // An explicit undefined caller is a stranger; only a missing one means the admin.
  const admin = (action: string, data: Record<string, unknown> = {}, ...as: [string?]) =>
    shop.call('admin', { action, ...data }, as.length ? as[0] : ADMIN);
  const create = async (
    openid: string,
    batchId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    pickupPointId?: string,
  ) => {
    const res = await shop.call(
      'order',
      { action: 'create', clientRequestId: rid('adm'), batchId, lines, ...(pickupPointId ? { pickupPointId } : {}) },
      openid,
    );
    if (!res.ok) throw new Error(`order.create ${res.code}: ${res.message}`);
    return res.data;
  };
  const paidOrder: AdminWorld['paidOrder'] = async (openid, batchId, lines, pickupPointId) => {
    const order = await create(openid, batchId, lines, pickupPointId);
    const prep = await shop.call('pay', { action: 'prepare', orderId: order._id }, openid);
    if (!prep.ok) throw new Error(`pay.prepare ${prep.code}: ${prep.message}`);
    await cloud.pay.simulatePay(env, order.orderNo, { openid });
    return shop.doc('orders', order._id);
  };
  const dumpAll = async (names: string[]) => {
    const out: Record<string, unknown[]> = {};
    for (const n of names)
      out[n] = (
        await shop.db
          .collection(n)
          .orderBy('_id', 'asc')
          .limit(1000)
          .get()
          .catch(() => ({ data: [] }))
      ).data;
    return JSON.stringify(out);
  };
  return {
    ...shop,
    env,
    admin,
    async ok(action, data, ...as) {
      const res = await admin(action, data, ...(as as [string?]));
      if (!res.ok) throw new Error(`${action}: ${res.code} ${res.message}`);
      return res.data;
    },
    unpaidOrder: create,
    paidOrder,
    async arrivedOrder(openid, batchId, lines, pickupPointId) {
      const paid = await paidOrder(openid, batchId, lines, pickupPointId);
      const at = new Date(cloud.clock.now());
      const history = [...(paid.history ?? []), { status: 'arrived', at, note: '到货' }];
      await shop.db
        .collection('orders')
        .doc(paid._id)
        .update({ data: { status: 'arrived', arrivedAt: at, history } });
      return shop.doc('orders', paid._id);
    },
    advance: (ms) => cloud.clock.advance(ms),
    now: () => new Date(cloud.clock.now()),
    dump: (...names) => dumpAll(names),
  };
}

import { OPEN, rid, startShop, type Shop } from './shop';
import type { SeedFile } from '../../database/seed';

/**
 * The demo shop (database/seed.ts) for the leader tests, plus helpers: paid
 * orders through the real order and pay functions and the emulated WeChat Pay,
 * the batch cut off, consents given as a resident's phone would.
 */
export interface LeaderWorld extends Shop {
  env: string;
  leader(action: string, data: Record<string, unknown>, openid?: string): Promise<any>;
  admin(action: string, data: Record<string, unknown>, openid?: string): Promise<any>;
  paidOrder(
    openid: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    pickupPointId?: string,
  ): Promise<{ _id: string; orderNo: string; code: string; totalFen: number }>;
  cutOff(batchId?: string): Promise<void>;
  /** The resident accepted the template: WeChat's consent and the backend's counter. */
  consent(openid: string, templateId?: string): Promise<void>;
  addUser(openid: string, fields?: Record<string, unknown>): Promise<void>;
}

export async function startLeaderWorld(env: string, tweak?: (seed: SeedFile) => void): Promise<LeaderWorld> {
  const shop = await startShop(env, tweak);
  for (const name of ['payments', 'refunds']) await shop.db.createCollection(name).catch(() => undefined);
  const cloud = shop.t.running.cloud;
  const must = (res: any) => {
    if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
    return res.data;
  };
  return {
    ...shop,
    env,
    leader: (action, data, openid) => shop.call('leader', { action, ...data }, openid),
    admin: (action, data, openid = 'oADMIN') => shop.call('admin', { action, ...data }, openid),
    async paidOrder(openid, lines, pickupPointId) {
      const order = must(
        await shop.call(
          'order',
          {
            action: 'create',
            clientRequestId: rid('lw'),
            batchId: OPEN,
            lines,
            ...(pickupPointId ? { pickupPointId } : {}),
          },
          openid,
        ),
      );
      must(await shop.call('pay', { action: 'prepare', orderId: order._id }, openid));
      await cloud.pay.simulatePay(env, order.orderNo, { openid });
      const detail = must(await shop.call('order', { action: 'detail', orderId: order._id }, openid));
      if (detail.status !== 'paid') throw new Error(`order ${order._id} is ${detail.status}`);
      return { _id: order._id, orderNo: order.orderNo, code: detail.pickupCode, totalFen: order.totalFen };
    },
    async cutOff(batchId = OPEN) {
      await shop.db
        .collection('batches')
        .doc(batchId)
        .update({ data: { status: 'cutoff' } });
      await shop.db
        .collection('batchItems')
        .where({ batchId })
        .update({ data: { batchStatus: 'cutoff' } });
    },
    async consent(openid, templateId = 'TPL_PICKUP') {
      cloud.openapi.recordConsent(env, openid, templateId);
      must(await shop.call('notify', { action: 'recordSubscriptions', results: { [templateId]: 'accept' } }, openid));
    },
    async addUser(openid, fields = {}) {
      await shop.db.collection('users').add({
        data: { _id: openid, roles: ['resident'], createdAt: new Date(), ...fields },
      });
    },
  };
}

import path from 'node:path';
import { startLocalCloud, useLocalCloud } from '../emulator/src';
import { applySeed, readSeed } from '../emulator/src/seed';

const root = path.resolve(__dirname, '../..');

export type Answer = { ok: boolean; code?: string };

/**
 * The demo seed in a fresh local cloud with one extra item of `units` in the
 * open batch (no limit, no minimum), the SDK pointed at it, and `order` calling
 * the order function through the gateway as a resident. Instances are warmed
 * first: cold starts are a separate question from contention.
 */
export async function startFlashSale(opts: {
  env: string;
  item: string;
  title: string;
  units: number;
  instances?: number;
}) {
  const running = await startLocalCloud({ functionsDir: path.join(root, 'dist/cloudfunctions') });
  const cloud = running.cloud;
  if (opts.instances) cloud.functions.maxInstances = opts.instances;
  try {
    await applySeed(cloud, opts.env, readSeed(path.join(root, 'database/seed.json')));
    useLocalCloud({ url: running.url, env: opts.env });
    const sdk = require('wx-server-sdk');
    sdk.init({ env: opts.env });
    const db = sdk.database();
    const batch = (await db.collection('batches').where({ status: 'open' }).limit(1).get()).data[0];
    const point = (await db.collection('pickupPoints').where({ active: true }).limit(1).get()).data[0];
    const template = (await db.collection('batchItems').where({ batchId: batch._id }).limit(1).get()).data[0];
    const { _id: _drop, ...fields } = template;
    await db.collection('batchItems').add({
      data: {
        ...fields,
        _id: opts.item,
        title: opts.title,
        stock: opts.units,
        sold: 0,
        initialStock: opts.units,
        limitPerUser: 0,
        minQuantity: 0,
      },
    });
    const order = async (openid: string, data: Record<string, unknown>): Promise<Answer> => {
      const res = await fetch(`${running.url}/client/functions/order?env=${opts.env}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify(data),
      });
      return (await res.json()) as Answer;
    };
    await Promise.all(
      Array.from({ length: cloud.functions.maxInstances }, (_, i) => order(`oWarm${i}`, { action: 'list' })),
    );
    return { running, cloud, db, batch, point, order };
  } catch (err) {
    await running.stop();
    throw err;
  }
}

export type FlashSale = Awaited<ReturnType<typeof startFlashSale>>;

import type { LocalCloudOptions } from '../../emulator/src';
import { useLocalCloud } from '../../emulator/src';
import { buildSeed, type SeedFile } from '../../database/seed';
import { startCloudTest, type CloudTest } from './harness';

/**
 * The demo shop (database/seed.ts, dates relative to now) in a fresh local
 * cloud, plus the real wx-server-sdk in the test process to arrange and
 * inspect documents as a console script would.
 */
export interface Shop {
  t: CloudTest;
  db: any;
  _: any;
  call<T = any>(fn: string, data: Record<string, unknown>, openid?: string): Promise<T>;
  doc(collection: string, id: string): Promise<any>;
  find(collection: string, where?: Record<string, unknown>): Promise<any[]>;
  stop(): Promise<void>;
}

export async function startShop(
  env: string,
  tweak?: (seed: SeedFile) => void,
  options?: LocalCloudOptions,
): Promise<Shop> {
  const t = await startCloudTest(env, options);
  const seed = buildSeed(new Date());
  tweak?.(seed);
  await t.seed(seed as any);
  useLocalCloud({ url: t.running.url, env });
  const sdk = require('wx-server-sdk');
  sdk.init({ env });
  const db = sdk.database();
  const find = async (collection: string, where: Record<string, unknown> = {}) =>
    (await db.collection(collection).where(where).limit(1000).get()).data;
  return {
    t,
    db,
    _: db.command,
    call: (fn, data, openid) => t.call(fn, data, openid),
    doc: async (collection, id) => (await find(collection, { _id: id }))[0],
    find,
    stop: () => t.stop(),
  };
}

/** Changes fields of a seeded document before the seed is applied. */
export function patch(seed: SeedFile, collection: string, id: string, fields: Record<string, unknown>): void {
  const doc = seed.collections[collection].find((d) => d._id === id);
  if (!doc) throw new Error(`no ${collection}/${id} in the seed`);
  Object.assign(doc, fields);
}

export const OPEN = 'batch-today';
export const NEXT = 'batch-tomorrow';
/** Items of the open batch (see database/seed.ts). */
export const ITEM = {
  qingcai: 'batch-today-qingcai', // 290, stock 200, no limit
  egg: 'batch-today-egg', // 2590, stock 60, limit 2
  pork: 'batch-today-pork', // 1690, stock 80, limit 3
  grape: 'batch-today-grape', // 3990, stock 20, limit 1
  rice: 'batch-today-rice', // 3990, stock 60, no limit
  yogurtNext: 'batch-tomorrow-yogurt',
};

let seq = 0;
export const rid = (tag = 'r') => `${tag}-${Date.now().toString(36)}-${(seq++).toString(36)}-test`;

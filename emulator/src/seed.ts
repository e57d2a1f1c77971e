import fs from 'node:fs';
import { EJSON } from 'bson';
import type { LocalCloud } from './cloud';
import { TcbError } from './errors';

/**
 * Seed file: {"collections": {"<name>": [documents...]}}, documents in relaxed
 * EJSON (so dates can be {"$date": "..."}). Collections are created when
 * missing; a collection that already holds documents is left alone, so a
 * restart on the same data folder does not duplicate the seed.
 */
export interface SeedFile {
  collections: Record<string, Array<Record<string, unknown>>>;
}

export async function applySeed(cloud: LocalCloud, env: string, seed: SeedFile): Promise<Record<string, number>> {
  const call = async (action: string, body: Record<string, unknown>) => {
    const handler = cloud.handler(action);
    if (!handler) throw new Error(`localcloud has no ${action}`);
    return (await handler({ cloud, env, body: { ...body, envName: env } })) as any;
  };
  const inserted: Record<string, number> = {};
  for (const [collectionName, docs] of Object.entries(seed.collections)) {
    try {
      await call('database.addCollection', { collectionName });
    } catch (err) {
      if (!(err instanceof TcbError) || !/EXIST/.test(err.code)) throw err;
    }
    const count = await call('database.calculateDocument', { collectionName, query: '{}', queryType: 'WHERE' });
    if (count?.data?.total > 0 || docs.length === 0) {
      inserted[collectionName] = 0;
      continue;
    }
    const data = docs.map((d) => EJSON.stringify(EJSON.deserialize(d, { relaxed: true }), { relaxed: false }));
    for (let i = 0; i < data.length; i += 500) {
      await call('database.insertDocument', { collectionName, data: data.slice(i, i + 500) });
    }
    inserted[collectionName] = docs.length;
  }
  return inserted;
}

export function readSeed(file: string): SeedFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedFile;
}

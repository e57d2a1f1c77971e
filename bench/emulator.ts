/**
 * npm run bench:emulator — the local cloud's own speed, through the real wx-server-sdk.
 * Prints one JSON line: round-trip p50/p99 (ms), inserts/s (single and batched),
 * and indexed vs unindexed query time (ms) over 100k documents.
 */
import { startLocalCloud, useLocalCloud } from '../emulator/src';
import { percentile, timed } from './stats';

const env = 'bench-env';
const N = 100_000;

async function main(): Promise<void> {
  const running = await startLocalCloud({ indexesFile: false });
  useLocalCloud({ url: running.url, env });
  const cloud = require('wx-server-sdk');
  cloud.init({ env });
  const db = cloud.database();
  running.cloud.db.createCollection(env, 'docs');
  running.cloud.db.defineIndexes({ docs: [{ name: 'k', keys: { k: 1 } }] }, env);
  const docs = db.collection('docs');

  // Round trip: one small document read, sequentially.
  const { _id } = await docs.add({ data: { k: -1, u: -1 } });
  const rtt: number[] = [];
  for (let i = 0; i < 1000; i++) rtt.push((await timed(() => docs.doc(_id).get())).ms);

  // Single inserts, 10 in flight (as concurrent function instances would send them).
  const singles = 2000;
  const single = await timed(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < singles) {
          const i = next++;
          await docs.add({ data: { k: i % 1000, u: i % 1000, i } });
        }
      }),
    );
  });

  // Batched inserts up to 100k documents (the SDK sends an array in one request).
  const batch = await timed(async () => {
    for (let i = singles; i < N; i += 1000) {
      const data = Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({
        k: (i + j) % 1000,
        u: (i + j) % 1000,
        i: i + j,
      }));
      await docs.add({ data });
    }
  });

  const query = async (field: 'k' | 'u') => {
    const times: number[] = [];
    running.cloud.db.resetStats();
    for (let v = 0; v < 20; v++)
      times.push(
        (
          await timed(() =>
            docs
              .where({ [field]: v * 37 })
              .limit(100)
              .get(),
          )
        ).ms,
      );
    return { ms: percentile(times, 50), scannedPerQuery: running.cloud.db.stats.scanned / 20 };
  };
  const indexed = await query('k');
  const unindexed = await query('u');

  console.log(
    JSON.stringify({
      documents: N,
      roundTripP50Ms: percentile(rtt, 50),
      roundTripP99Ms: percentile(rtt, 99),
      singleInsertsPerSec: Math.round(singles / (single.ms / 1000)),
      batchedInsertsPerSec: Math.round((N - singles) / (batch.ms / 1000)),
      indexedQueryMs: indexed.ms,
      unindexedQueryMs: unindexed.ms,
      indexedScannedPerQuery: indexed.scannedPerQuery,
      unindexedScannedPerQuery: unindexed.scannedPerQuery,
    }),
  );
  await running.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

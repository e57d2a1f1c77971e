/**
 * `npm start`'s first run on a fresh data folder: the demo seed (dates relative
 * to now, plus the neighbours) and the past fortnight played through the real
 * functions (database/history.ts), persisted into the data folder. Later starts
 * find the data there and skip this.
 *
 *   node dist/demo.js --data .localcloud --env local-env --functions dist/cloudfunctions
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../emulator/src';
import { applySeed } from '../emulator/src/seed';
import { playHistory, withNeighbours } from './history';
import { buildSeed } from './seed';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      env: { type: 'string', default: 'local-env' },
      functions: { type: 'string', default: 'dist/cloudfunctions' },
      days: { type: 'string', default: '14' },
    },
  });
  if (!values.data) throw new Error('usage: demo --data <dir> [--env <name>] [--functions <dir>] [--days 14]');
  const started = Date.now();
  const now = new Date();
  const running = await startLocalCloud({
    dataDir: path.resolve(values.data),
    functionsDir: path.resolve(values.functions),
  });
  try {
    await applySeed(running.cloud, values.env, withNeighbours(buildSeed(now), now));
    const summary = await playHistory(running.cloud, running.url, values.env, { days: Number(values.days), now });
    console.log(
      `演示历史 demo history: ${summary.days.length} days, ${summary.orders} orders, ${summary.pickedUp} picked up (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await running.stop();
  }
}

main().catch((err: Error) => {
  console.error(`演示历史失败 demo history failed: ${err.stack ?? err.message}`);
  process.exit(1);
});

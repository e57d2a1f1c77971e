/**
 * Flash sale: 500 residents (distinct openids) order the same 100-unit item at
 * once through the gateway, each one unit. Prints one JSON line: throughput,
 * latency, database round trips per successful order (counted per invocation),
 * and the oversell check, which must be 0; then, one order at a time on a warm
 * instance, the requests and sequential round trips of each kind of order
 * (`cases`: plain, limited first purchase, limited repeat purchase, three lines).
 *
 *   npm run build:functions && node bench/run.js order
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { startFlashSale, type FlashSale } from './shop';
import type { Invocation } from '../emulator/src/types';

const ENV = 'bench-env';
const BUYERS = 500;
const UNITS = 100;
const ITEM = 'bench-flash-item';

async function main(): Promise<void> {
  const { running, cloud, db, batch, point, order } = await startFlashSale({
    env: ENV,
    item: ITEM,
    title: '秒杀 · 阳光玫瑰葡萄',
    units: UNITS,
  });
  try {
    // Database round trips per invocation: the invocation is found through the
    // async context of invoke(), its requests through the token they carry.
    const perToken = new Map<string, number>();
    const context = new AsyncLocalStorage<{ token?: string }>();
    const begin = cloud.beginInvocation.bind(cloud);
    cloud.beginInvocation = (inv: Invocation) => {
      const store = context.getStore();
      if (store) store.token = inv.token;
      begin(inv);
    };
    const count = cloud.countRequest.bind(cloud);
    cloud.countRequest = (action: string, inv?: Invocation) => {
      if (inv) perToken.set(inv.token, (perToken.get(inv.token) ?? 0) + 1);
      count(action, inv);
    };
    const invoke = cloud.functions.invoke.bind(cloud.functions);
    const tokenOf = new Map<unknown, string | undefined>();
    cloud.functions.invoke = (env, name, event, opts) => {
      const store: { token?: string } = {};
      const result = context.run(store, () => invoke(env, name, event, opts));
      return result.then((r) => (tokenOf.set(r, store.token), r));
    };

    const latencies: number[] = [];
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: BUYERS }, async (_, i) => {
        const t0 = performance.now();
        const body = await order(`oBuyer${String(i).padStart(4, '0')}`, {
          action: 'create',
          clientRequestId: `flash-${i}-${Date.now()}`,
          batchId: batch._id,
          pickupPointId: point._id,
          lines: [{ batchItemId: ITEM, qty: 1 }],
        });
        latencies.push(performance.now() - t0);
        return body;
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const ok = answers.filter((a) => a.ok);
    const item = (await db.collection('batchItems').where({ _id: ITEM }).get()).data[0];
    const orders = await db.collection('orders').where({ 'lines.batchItemId': ITEM }).count();
    const sold = ok.length;
    // Every unit is either in stock or in exactly one order.
    const consistent =
      item.stock >= 0 && item.stock + item.sold === UNITS && orders.total === sold && item.sold === sold;
    const trips = [...tokenOf.entries()]
      .filter(([r]) => (r as { ok?: boolean })?.ok)
      .map(([, token]) => perToken.get(token ?? '') ?? 0);
    const cases = await orderCases(running, db, batch._id, point._id, order);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]);
    console.log(
      JSON.stringify({
        ordersPerSec: Math.round((BUYERS / seconds) * 10) / 10,
        p50Ms: pct(50),
        p99Ms: pct(99),
        dbRoundTripsPerOrder: trips.length
          ? Math.round((trips.reduce((s, n) => s + n, 0) / trips.length) * 100) / 100
          : null,
        oversold: Math.max(0, sold - UNITS) + (item.stock < 0 ? -item.stock : 0),
        sold,
        rejected: BUYERS - sold,
        stockLeft: item.stock,
        consistent,
        rejectedCodes: countBy(answers.filter((a) => !a.ok).map((a) => a.code ?? 'HTTP_ERROR')),
        cases,
      }),
    );
    if (!consistent || sold > UNITS) process.exitCode = 1;
  } finally {
    await running.stop();
  }
}

/**
 * Requests and round trips of one order of each kind, one at a time on one warm
 * instance. Every request waits LATENCY ms in the local cloud, so requests sent
 * together arrive together and one sent after an answer arrives LATENCY later:
 * a gap of more than half of it starts a new round trip.
 */
async function orderCases(
  running: FlashSale['running'],
  db: any,
  batchId: string,
  pointId: string,
  order: FlashSale['order'],
): Promise<Record<string, { requests: number; roundTrips: number }>> {
  const LATENCY = 60;
  const cloud = running.cloud;
  const items = (await db.collection('batchItems').where({ batchId }).limit(100).get()).data;
  const limited = items.find((i: any) => i.limitPerUser >= 2 && i.stock >= 2)._id;
  const plain = items.filter((i: any) => i.limitPerUser === 0 && i._id !== ITEM && i.stock >= 3).map((i: any) => i._id);
  const arrivals: number[] = [];
  const count = cloud.countRequest.bind(cloud);
  cloud.countRequest = (action: string, inv?: Invocation) => {
    if (inv?.functionName === 'order') arrivals.push(performance.now());
    count(action, inv);
  };
  cloud.functions.maxInstances = 1;
  let n = 0;
  const measure = async (openid: string, lines: Array<{ batchItemId: string; qty: number }>) => {
    arrivals.length = 0;
    const res = await order(openid, {
      action: 'create',
      clientRequestId: `case-${n++}-${Date.now()}`,
      batchId,
      pickupPointId: pointId,
      lines,
    });
    if (!res.ok) throw new Error(`case order refused: ${res.code}`);
    const roundTrips = arrivals.filter((t, i) => i === 0 || t - arrivals[i - 1] > LATENCY / 2).length;
    return { requests: arrivals.length, roundTrips };
  };
  await measure('oCaseWarm', [{ batchItemId: plain[0], qty: 1 }]);
  cloud.faults.set({ latencyMs: LATENCY });
  try {
    return {
      plain: await measure('oCase', [{ batchItemId: plain[0], qty: 1 }]),
      limitedFirst: await measure('oCase', [{ batchItemId: limited, qty: 1 }]),
      limitedRepeat: await measure('oCase', [{ batchItemId: limited, qty: 1 }]),
      threeLines: await measure('oCase2', [
        { batchItemId: limited, qty: 1 },
        { batchItemId: plain[0], qty: 1 },
        { batchItemId: plain[1], qty: 1 },
      ]),
    };
  } finally {
    cloud.faults.clear();
    cloud.countRequest = count;
  }
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

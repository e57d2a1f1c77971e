/**
 * A hot item: 10,000 residents (distinct openids) arrive over the first minute
 * for 1,000 units of one item, each ordering one unit through the gateway and
 * the real order path, with the docWriteMs fault on (writes to one document
 * serialize, docs/hot-item.md). Prints one JSON line: units sold (must be
 * exactly 1,000), oversold (0), when the last unit went, and latencies.
 *
 *   npm run bench:hotitem        (HOT_DOC_WRITE_MS, HOT_RESIDENTS, HOT_ARRIVAL_MS override)
 */
import { startFlashSale } from './shop';
import { percentile } from './stats';

const ENV = 'bench-hot-env';
const RESIDENTS = Number(process.env.HOT_RESIDENTS ?? 10_000);
const UNITS = 1_000;
const ARRIVAL_MS = Number(process.env.HOT_ARRIVAL_MS ?? 60_000);
const DOC_WRITE_MS = Number(process.env.HOT_DOC_WRITE_MS ?? 10);
const ITEM = 'bench-hot-item';
/** Requests in flight at once: one local machine cannot open 10,000 connections in a minute as phones do. */
const IN_FLIGHT = 64;

async function main(): Promise<void> {
  // The cloud runs up to 1000 instances of a function at once; a few more than the default 4 here.
  const { running, cloud, db, batch, point, order } = await startFlashSale({
    env: ENV,
    item: ITEM,
    title: '爆品 · 阳光玫瑰葡萄',
    units: UNITS,
    instances: 8,
  });
  try {
    cloud.faults.set({ docWriteMs: DOC_WRITE_MS });
    const started = performance.now();
    let lastSaleMs = 0;
    let inFlight = 0;
    const okLatencies: number[] = [];
    const allLatencies: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: RESIDENTS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i / RESIDENTS) * ARRIVAL_MS));
        while (inFlight >= IN_FLIGHT) await new Promise((r) => setTimeout(r, 5));
        inFlight++;
        const t0 = performance.now();
        const body = await order(`oHot${String(i).padStart(5, '0')}`, {
          action: 'create',
          clientRequestId: `hot-${i}-abcdefgh`,
          batchId: batch._id,
          pickupPointId: point._id,
          lines: [{ batchItemId: ITEM, qty: 1 }],
        });
        inFlight--;
        const t1 = performance.now();
        allLatencies.push(t1 - t0);
        if (body.ok) {
          okLatencies.push(t1 - t0);
          lastSaleMs = Math.max(lastSaleMs, t1 - started);
        }
        return body;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    cloud.faults.clear();

    const sold = answers.filter((a) => a.ok).length;
    const item = (await db.collection('batchItems').where({ _id: ITEM }).field({ stock: true, sold: true }).get())
      .data[0];
    const orders = (await db.collection('orders').where({ 'lines.batchItemId': ITEM }).count()).total;
    const consistent = item.stock === UNITS - sold && item.sold === sold && orders === sold;
    const rejectedCodes: Record<string, number> = {};
    for (const a of answers)
      if (!a.ok) rejectedCodes[a.code ?? 'HTTP_ERROR'] = (rejectedCodes[a.code ?? 'HTTP_ERROR'] ?? 0) + 1;
    console.log(
      JSON.stringify({
        residents: RESIDENTS,
        units: UNITS,
        arrivalMs: ARRIVAL_MS,
        docWriteMs: DOC_WRITE_MS,
        docBoundMs: UNITS * DOC_WRITE_MS,
        sold,
        oversold: Math.max(0, sold - UNITS) + Math.max(0, -item.stock),
        stockLeft: item.stock,
        consistent,
        lastSaleMs: Math.round(lastSaleMs),
        totalSeconds: Math.round(seconds * 10) / 10,
        okP50Ms: percentile(okLatencies, 50),
        okP99Ms: percentile(okLatencies, 99),
        allP99Ms: percentile(allLatencies, 99),
        rejectedCodes,
      }),
    );
    if (!consistent || sold !== UNITS) process.exitCode = 1;
  } finally {
    await running.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

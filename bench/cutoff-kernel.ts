/**
 * Cut-off aggregation kernel: 1,000,000 order lines (5,000 pickup points × 500
 * items from 40 suppliers) fed in 1000-line pages, as the cut-off function reads
 * them. Pages are generated on the fly from a seeded PRNG and dropped after use,
 * so the generator holds one page at a time. computeMs counts addPage + finish only.
 *
 * Prints one JSON line: {"lines","computeMs","peakRssMb",...}. computeMs is wall time;
 * computeCpuMs is the process CPU time over the same spans, for comparing runs on a loaded machine.
 */
import { CutoffAggregator, type CutoffLine } from '../cloudfunctions/core/domain/supply/cutoff';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const POINTS = 5_000;
const ITEMS = 500;
const SUPPLIERS = 40;
const PAGE = 1000;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20240601);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const pointIds = Array.from({ length: POINTS }, (_, i) => `pp_${pad(i, 5)}`);
const itemIds = Array.from({ length: ITEMS }, (_, i) => `bi_${pad(i, 4)}`);
const itemSupplier = itemIds.map(() => `sup_${pad(Math.floor(random() * SUPPLIERS), 3)}`);
const itemPrice = itemIds.map(() => 100 + Math.floor(random() * 9900));

function nextPage(size: number): CutoffLine[] {
  const page = new Array<CutoffLine>(size);
  for (let i = 0; i < size; i++) {
    const item = Math.floor(random() * ITEMS);
    const qty = 1 + Math.floor(random() * 5);
    page[i] = {
      pickupPointId: pointIds[Math.floor(random() * POINTS)],
      batchItemId: itemIds[item],
      supplierId: itemSupplier[item],
      qty,
      amountFen: qty * itemPrice[item],
    };
  }
  return page;
}

let computeNs = 0n;
let computeCpuUs = 0;
let checkQty = 0;
const agg = new CutoffAggregator({ expectedPoints: POINTS, expectedItems: ITEMS });
for (let done = 0; done < LINES; done += PAGE) {
  const page = nextPage(Math.min(PAGE, LINES - done));
  for (const line of page) checkQty += line.qty;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  agg.addPage(page);
  computeNs += process.hrtime.bigint() - t0;
  const cpu = process.cpuUsage(cpu0);
  computeCpuUs += cpu.user + cpu.system;
}
const cpu1 = process.cpuUsage();
const t1 = process.hrtime.bigint();
const result = agg.finish();
const finishNs = process.hrtime.bigint() - t1;
computeNs += finishNs;
const finishCpu = process.cpuUsage(cpu1);
computeCpuUs += finishCpu.user + finishCpu.system;

if (result.totalQty !== checkQty || result.lineCount !== LINES) {
  throw new Error(`kernel disagrees with the generator: ${result.totalQty} vs ${checkQty}`);
}
let packingLines = 0;
let packedQty = 0;
for (const list of result.packingLists) {
  packingLines += list.batchItemIds.length;
  for (const qty of list.quantities) packedQty += qty;
}
if (packedQty !== checkQty) throw new Error(`packing lists hold ${packedQty} units, orders ${checkQty}`);
console.log(
  JSON.stringify({
    lines: LINES,
    computeMs: Math.round(Number(computeNs) / 1e4) / 100,
    finishMs: Math.round(Number(finishNs) / 1e4) / 100,
    // CPU time of the process over the same spans (includes GC helper threads); steadier than wall time on a busy machine.
    computeCpuMs: Math.round(computeCpuUs / 10) / 100,
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    purchaseOrders: result.purchaseOrders.length,
    packingLists: result.packingLists.length,
    packingLines,
    items: result.itemTotals.length,
  }),
);

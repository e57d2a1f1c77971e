/**
 * node bench/run.js cutoff — the cut-off (截单汇总), in two parts. Prints one JSON line.
 *
 * 1. Kernel: 1,000,000 order lines (5,000 pickup points × 500 items from 40
 *    suppliers) fed to CutoffAggregator in 1000-line pages as the supply function
 *    reads them. Pages come from a seeded PRNG and are dropped after use, so the
 *    generator holds one page at a time. computeMs counts addPage + finish only;
 *    peakRssMb is the process's peak RSS after this part (before the emulator starts).
 * 2. End to end: 100,000 paid orders (1-3 lines each, 2,000 points × 500 items)
 *    inserted with the SDK in 1000-document batches into a cut-off batch of the
 *    local cloud, then the BUILT supply function's `run` is invoked as an admin
 *    (it takes the batch through its cut-off pipeline: no unpaid orders, no
 *    minimums, then the aggregate and the documents),
 *    again and again while it answers phase 'reading' (each call stops at its
 *    40 s budget under the 60 s timeout and checkpoints). e2eMs is the wall time
 *    of those calls: paging the orders, the aggregate, writing the purchase
 *    orders, packing lists and the route; invocations says how many it took.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { CutoffAggregator, type CutoffLine } from '../cloudfunctions/core/domain/supply/cutoff';
import { startLocalCloud, useLocalCloud } from '../emulator/src';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const E2E_ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const POINTS = 5_000;
const E2E_POINTS = 2_000;
const ITEMS = 500;
const SUPPLIERS = 40;
const PAGE = 1000;
const root = path.resolve(__dirname, '../..');

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

function kernel() {
  let computeNs = 0n;
  let checkQty = 0;
  const agg = new CutoffAggregator({ expectedPoints: POINTS, expectedItems: ITEMS });
  for (let done = 0; done < LINES; done += PAGE) {
    const page = nextPage(Math.min(PAGE, LINES - done));
    for (const line of page) checkQty += line.qty;
    const t0 = process.hrtime.bigint();
    agg.addPage(page);
    computeNs += process.hrtime.bigint() - t0;
  }
  const t1 = process.hrtime.bigint();
  const result = agg.finish();
  computeNs += process.hrtime.bigint() - t1;
  if (result.totalQty !== checkQty || result.lineCount !== LINES)
    throw new Error(`kernel disagrees with the generator: ${result.totalQty} vs ${checkQty}`);
  return {
    computeMs: Math.round(Number(computeNs) / 1e4) / 100,
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    packingLines: result.packingLists.reduce((n, list) => n + list.batchItemIds.length, 0),
  };
}

async function endToEnd() {
  // The supply function bundled as scripts/build-functions.js does, into a folder of the bench's own
  // (dist/cloudfunctions is rebuilt by other runs at any time).
  const functionsDir = path.join(root, 'dist', 'bench', 'functions');
  const dest = path.join(functionsDir, 'supply');
  fs.mkdirSync(dest, { recursive: true });
  esbuild.buildSync({
    entryPoints: [path.join(root, 'cloudfunctions/supply/index.ts')],
    outfile: path.join(dest, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'cloudfunctions/supply/config.json'), path.join(dest, 'config.json'));
  const env = 'bench-cutoff';
  const running = await startLocalCloud({ functionsDir });
  try {
    useLocalCloud({ url: running.url, env });
    const sdk = require('wx-server-sdk');
    sdk.init({ env });
    const db = sdk.database();
    for (const c of ['users', 'suppliers', 'pickupPoints', 'batches', 'batchItems', 'orders', 'settings'])
      running.cloud.db.createCollection(env, c);
    // The cloud indexes _id for ranges too; the emulator plans _id ranges only through a declared index.
    running.cloud.db.defineIndexes({ orders: [{ name: 'id_range', keys: { _id: 1 } }] }, env);
    const batchId = 'bench-batch';
    const cutoffAt = new Date(Date.now() - 3_600_000);
    await db.collection('users').add({ data: { _id: 'oBenchAdmin', roles: ['admin'], createdAt: new Date() } });
    await db.collection('settings').add({
      data: { _id: 'warehouse', name: '中心仓', location: { type: 'Point', coordinates: [120.2, 30.25] } },
    });
    await db.collection('suppliers').add({
      data: Array.from({ length: SUPPLIERS }, (_, i) => ({ _id: `sup_${pad(i, 3)}`, name: `供应商${i}` })),
    });
    const points = pointIds.slice(0, E2E_POINTS);
    await db.collection('pickupPoints').add({
      data: points.map((id, i) => ({
        _id: id,
        name: `自提点${i}`,
        address: `地址${i}`,
        // Spread over ~40 km × 40 km around the warehouse.
        location: { type: 'Point', coordinates: [120.0 + random() * 0.4, 30.05 + random() * 0.4] },
        hours: '08:00-21:00',
        leaderId: `leader_${i}`,
        active: true,
      })),
    });
    await db.collection('batches').add({
      data: {
        _id: batchId,
        title: 'bench',
        status: 'cutoff',
        opensAt: new Date(cutoffAt.getTime() - 86_400_000),
        cutoffAt,
        pickupDate: '2030-01-01',
      },
    });
    await db.collection('batchItems').add({
      data: itemIds.map((id, i) => ({
        _id: id,
        batchId,
        productId: `p_${i}`,
        title: `商品${i}`,
        unit: '份',
        categoryId: 'c',
        supplierId: itemSupplier[i],
        priceFen: itemPrice[i],
        originalPriceFen: itemPrice[i] + 100,
        stock: 0,
        sold: 0,
        limitPerUser: 0,
        minQuantity: 0,
        sort: i,
        batchStatus: 'cutoff',
        opensAt: cutoffAt,
        cutoffAt,
      })),
    });
    let lines = 0;
    const insertStarted = Date.now();
    for (let i = 0; i < E2E_ORDERS; i += PAGE) {
      const data = Array.from({ length: Math.min(PAGE, E2E_ORDERS - i) }, (_, j) => {
        const n = 1 + Math.floor(random() * 3);
        lines += n;
        const orderLines = Array.from({ length: n }, () => {
          const item = Math.floor(random() * ITEMS);
          const qty = 1 + Math.floor(random() * 3);
          return {
            batchItemId: itemIds[item],
            productId: `p_${item}`,
            title: `商品${item}`,
            unit: '份',
            categoryId: 'c',
            supplierId: itemSupplier[item],
            priceFen: itemPrice[item],
            qty,
            amountFen: qty * itemPrice[item],
            refundedQty: 0,
            refundedFen: 0,
            pickedQty: 0,
            countedInLimit: false,
          };
        });
        const total = orderLines.reduce((s, l) => s + l.amountFen, 0);
        return {
          _id: `o_${pad(i + j, 7)}`,
          orderNo: `b${pad(i + j, 9)}`,
          pickupKey: `k_${i + j}`,
          openid: `oUser${(i + j) % 20_000}`,
          batchId,
          pickupPointId: points[Math.floor(random() * points.length)],
          leaderId: 'leader',
          lines: orderLines,
          totalFen: total,
          paidFen: total,
          refundedFen: 0,
          status: 'paid',
          createdAt: cutoffAt,
          paidAt: cutoffAt,
        };
      });
      await db.collection('orders').add({ data });
    }
    const insertMs = Date.now() - insertStarted;

    const started = Date.now();
    let invocations = 0;
    let status: any;
    do {
      invocations += 1;
      const res = await fetch(`${running.url}/client/functions/supply?env=${env}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': 'oBenchAdmin' },
        body: JSON.stringify({ action: 'run', batchId }),
      });
      const body = (await res.json()) as any;
      if (!body.ok) throw new Error(`supply.run: ${JSON.stringify(body)}`);
      status = body.data;
    } while (status.phase !== 'done' && invocations < 20);
    const e2eMs = Date.now() - started;
    if (process.env.BENCH_VERBOSE)
      for (const l of running.cloud.functions.logs('supply')) console.error(l.ms, l.logs.join(' | '));
    if (status.lines !== lines) throw new Error(`supply read ${status.lines} lines, inserted ${lines}`);
    return {
      e2eMs,
      e2eInvocations: invocations,
      e2eLines: lines,
      e2ePoints: status.packingLists,
      e2ePurchaseOrders: status.purchaseOrders,
      insertMs,
    };
  } finally {
    await running.stop();
  }
}

async function main(): Promise<void> {
  const k = kernel();
  const e = await endToEnd();
  console.log(
    JSON.stringify({
      lines: LINES,
      computeMs: k.computeMs,
      peakRssMb: k.peakRssMb,
      e2eOrders: E2E_ORDERS,
      e2eMs: e.e2eMs,
      e2eInvocations: e.e2eInvocations,
      e2eLines: e.e2eLines,
      e2ePoints: e.e2ePoints,
      e2ePurchaseOrders: e.e2ePurchaseOrders,
      insertMs: e.insertMs,
      kernelPackingLines: k.packingLines,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

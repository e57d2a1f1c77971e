/**
 * A busy pickup point: 500 paid orders (3 lines each) at one point for one
 * batch, from 50 residents with 10 orders each, so ONE checklist page of 50
 * residents holds all 500 orders (the worst case for a page's size). Orders
 * are inserted directly through the SDK. Prints one JSON line:
 *   orders, pageBytes (the 500-order page, pageSize 50, as JSON), firstPageBytes
 *   (page 1 at the default pageSize 20: the leader page's first setData),
 *   ms (median of 5 warm checklist calls at pageSize 50), skuTotalsMs.
 *
 *   npm run build:functions && node bench/run.js checklist
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { startLocalCloud, useLocalCloud } from '../emulator/src';
import { applySeed, readSeed } from '../emulator/src/seed';

const ENV = 'bench-checklist-env';
const ORDERS = 500;
const RESIDENTS = 50;
const POINT = 'pp-sunshine';
const LEADER_OPENID = 'oLEADER1';
const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const running = await startLocalCloud({ functionsDir: path.join(root, 'dist/cloudfunctions') });
  try {
    await applySeed(running.cloud, ENV, readSeed(path.join(root, 'database/seed.json')));
    useLocalCloud({ url: running.url, env: ENV });
    const sdk = require('wx-server-sdk');
    sdk.init({ env: ENV });
    const db = sdk.database();
    const batch = (await db.collection('batches').where({ status: 'open' }).limit(1).get()).data[0];
    const items = (await db.collection('batchItems').where({ batchId: batch._id }).limit(100).get()).data;

    for (let r = 0; r < RESIDENTS; r++) {
      await db.collection('users').add({
        data: {
          _id: `oBench${r}`,
          nickname: `居民${r}号·阳光花园`,
          phone: `139${String(r).padStart(8, '0')}`,
          roles: ['resident'],
          pickupPointId: POINT,
          createdAt: new Date(),
        },
      });
    }
    const t0 = Date.now() - ORDERS * 1000;
    const docs = Array.from({ length: ORDERS }, (_, i) => {
      const lines = [0, 1, 2].map((k) => {
        const item = items[(i + k * 3) % items.length];
        const qty = 1 + ((i + k) % 3);
        return {
          batchItemId: item._id,
          productId: item.productId,
          title: item.title,
          image: item.image,
          unit: item.unit,
          categoryId: item.categoryId,
          supplierId: item.supplierId,
          priceFen: item.priceFen,
          qty,
          amountFen: item.priceFen * qty,
          refundedQty: 0,
          refundedFen: 0,
          pickedQty: 0,
          countedInLimit: false,
        };
      });
      const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
      const at = new Date(t0 + i * 1000);
      return {
        _id: createHash('sha256').update(`bench|${i}`).digest('hex').slice(0, 32),
        orderNo: `261125${String(i).padStart(10, '0')}`,
        openid: `oBench${i % RESIDENTS}`,
        clientRequestId: `bench-${i}`,
        batchId: batch._id,
        pickupPointId: POINT,
        leaderId: 'leader-wang',
        lines,
        totalFen,
        paidFen: totalFen,
        refundedFen: 0,
        status: 'paid',
        history: [
          { status: 'pending_payment', at },
          { status: 'paid', at },
        ],
        pickupKey: randomBytes(32).toString('hex'),
        pickupCodeCipher: `v1.${randomBytes(40).toString('base64url')}`,
        payDeadline: at,
        createdAt: at,
        paidAt: at,
        transactionId: `4200${randomBytes(12).toString('hex')}`,
      };
    });
    for (let i = 0; i < docs.length; i += 50)
      await Promise.all(docs.slice(i, i + 50).map((d) => db.collection('orders').add({ data: d })));

    const call = async (data: Record<string, unknown>) => {
      const res = await fetch(`${running.url}/client/functions/leader?env=${ENV}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': LEADER_OPENID },
        body: JSON.stringify(data),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { ok: boolean; data?: any; code?: string };
      if (!body.ok) throw new Error(`leader.${String(data.action)}: ${body.code}`);
      return { bytes: Buffer.byteLength(JSON.stringify(body.data)), data: body.data };
    };
    await call({ action: 'checklist', batchId: batch._id, page: 1, pageSize: 50 }); // warm
    const times: number[] = [];
    let page = { bytes: 0, data: undefined as any };
    for (let k = 0; k < 5; k++) {
      const started = performance.now();
      page = await call({ action: 'checklist', batchId: batch._id, page: 1, pageSize: 50 });
      times.push(performance.now() - started);
    }
    const ordersOnPage = page.data.r.reduce((s: number, r: any) => s + r.o.length, 0);
    const first = await call({ action: 'checklist', batchId: batch._id, page: 1 });
    const s0 = performance.now();
    const totals = await call({ action: 'skuTotals', batchId: batch._id });
    const skuTotalsMs = Math.round(performance.now() - s0);
    const units = totals.data.items.reduce((s: number, i: any) => s + i.qty, 0);
    times.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        orders: ORDERS,
        residents: RESIDENTS,
        ordersOnPage,
        pageBytes: page.bytes,
        firstPageBytes: first.bytes,
        ms: Math.round(times[2]),
        skuTotalsMs,
        skuUnits: units,
      }),
    );
    if (ordersOnPage !== ORDERS || page.bytes >= 100_000 || first.bytes >= 64_000) process.exitCode = 1;
  } finally {
    await running.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useLocalCloud } from '../../emulator/src';
import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { startCloudTest, root, type CloudTest } from './harness';

/**
 * `npm start`'s first run (database/demo.ts): the past fortnight played through
 * the real functions into a fresh data folder. Opened again as `npm start` opens
 * it, the demo must look lived-in (dashboard, commission history, training, a
 * pending application and after-sale) and be consistent: what WeChat Pay took
 * and gave back is what the orders hold, stock is what was sold, commission is
 * the rule applied to what was picked up.
 */
jest.setTimeout(240_000);
const env = 'history-env';
const RATE_BPS: Record<string, number> = { fresh: 1000, fruit: 1200, dairy: 800, grain: 800, daily: 600 };
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-history-'));
let t: CloudTest;
let db: any;
let played: string;

const find = async (collection: string, where: Record<string, unknown> = {}) => {
  const out: any[] = [];
  for (;;) {
    const page = (await db.collection(collection).where(where).skip(out.length).limit(1000).get()).data;
    out.push(...page);
    if (page.length < 1000) return out;
  }
};
async function ok<T = any>(fn: string, data: Record<string, unknown>, openid: string): Promise<T> {
  const res = await t.call(fn, data, openid);
  if (!res.ok) throw new Error(`${fn}.${data.action}: ${res.code} ${res.message}`);
  return res.data;
}

beforeAll(async () => {
  const script = path.join(root, 'dist', 'demo.js');
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'database', 'demo.ts')],
    bundle: true,
    platform: 'node',
    packages: 'external',
    outfile: script,
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [script, '--data', data, '--env', env], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`demo.js failed: ${run.stderr}`);
  played = run.stdout;
  t = await startCloudTest(env, { dataDir: data });
  useLocalCloud({ url: t.running.url, env });
  const sdk = require('wx-server-sdk');
  sdk.init({ env });
  db = sdk.database();
});
afterAll(async () => {
  await t?.stop();
  fs.rmSync(data, { recursive: true, force: true });
});

test('the admin dashboard of the last fortnight shows orders on every past day', async () => {
  expect(played).toMatch(/demo history: 14 days, \d+ orders/);
  const today = businessDate(new Date());
  const board = await ok('admin', { action: 'dashboard', from: addDays(today, -14), to: today }, 'oADMIN');
  const past = board.daily.filter((d: any) => d.date < today);
  expect(past).toHaveLength(14);
  for (const day of past)
    expect({ date: day.date, some: day.orders > 0 && day.gmvFen > 0 }).toEqual({ date: day.date, some: true });
  // Today's first orders are in too, and both leaders rank.
  expect(board.daily.at(-1).orders).toBeGreaterThan(0);
  expect(board.leaderRanking.map((l: any) => l.name).sort()).toEqual(['李师傅', '王阿姨'].sort());
  expect(board.topSkus.length).toBeGreaterThan(5);
  // The fortnight earned something at cost: every past day has revenue, cost and a margin, no unpriced units.
  for (const day of board.margin.daily.filter((d: any) => d.date < today))
    expect({
      date: day.date,
      priced: day.revenueFen > day.costFen && day.costFen > 0 && day.costPendingUnits === 0,
      margin: day.marginFen === day.revenueFen - day.costFen - day.commissionFen - day.couponFen,
    }).toEqual({ date: day.date, priced: true, margin: true });
});

test('money: for every order, what WeChat Pay took less what it gave back is what its lines hold', async () => {
  const orders = await find('orders');
  const trades = t.running.cloud.pay.listOrders(env);
  const refunds = t.running.cloud.pay.listRefunds(env);
  // Refunds (short deliveries) completed; none is left 退款中.
  expect(refunds.length).toBeGreaterThan(0);
  expect(refunds.filter((r) => r.status !== 'SUCCESS')).toEqual([]);
  for (const o of orders) {
    const trade = trades.find((x) => x.outTradeNo === o.orderNo);
    const paid = trade && trade.state !== 'NOTPAY' && trade.state !== 'CLOSED' ? trade.totalFee : 0;
    const back = refunds.filter((r) => r.outTradeNo === o.orderNo).reduce((s, r) => s + r.refundFee, 0);
    const held =
      o.status === 'cancelled' ? 0 : o.lines.reduce((s: number, l: any) => s + l.amountFen - l.refundedFen, 0);
    expect({ order: o.orderNo, net: paid - back, paidFen: o.paidFen ?? 0, refundedFen: o.refundedFen ?? 0 }).toEqual({
      order: o.orderNo,
      net: held,
      paidFen: paid,
      refundedFen: back,
    });
  }
  expect(orders.filter((o) => o.status === 'picked_up').length).toBeGreaterThan(50);
  expect(orders.some((o) => o.status === 'cancelled')).toBe(true);
});

test('stock: every item of every past batch has what was put up less what live orders hold', async () => {
  const orders = (await find('orders')).filter((o) => o.status !== 'cancelled');
  const batches = (await find('batches')).filter((b) => b._id !== 'batch-today' && b._id !== 'batch-tomorrow');
  expect(batches).toHaveLength(14);
  for (const b of batches)
    for (const item of await find('batchItems', { batchId: b._id })) {
      const sold = orders
        .flatMap((o) => o.lines)
        .filter((l: any) => l.batchItemId === item._id)
        .reduce((s: number, l: any) => s + l.qty, 0);
      expect({ item: item._id, sold: item.sold }).toEqual({ item: item._id, sold });
    }
  // What was put up is what the admin gave batches.create: stock + sold is the same for one product every day.
  const putUp = new Map<string, Set<number>>();
  for (const b of batches)
    for (const item of await find('batchItems', { batchId: b._id }))
      putUp.set(item.productId, (putUp.get(item.productId) ?? new Set()).add(item.stock + item.sold));
  for (const [productId, totals] of putUp) expect({ productId, totals: totals.size }).toEqual({ productId, totals: 1 });
});

test('commission: each leader has earned the rule on what was bought, settled some, and 王阿姨 withdrew', async () => {
  // THE rule: the category's rate of what is paid and not refunded, rounded down per line.
  const rule = (orders: any[], leaderId: string) =>
    orders
      .filter((o) => o.leaderId === leaderId)
      .flatMap((o) => o.lines)
      .reduce((s, l: any) => s + Math.floor(((l.amountFen - l.refundedFen) * RATE_BPS[l.categoryId]) / 10_000), 0);
  const orders = await find('orders');
  const pickedUp = orders.filter((o) => o.status === 'picked_up');
  const waiting = orders.filter((o) => o.status === 'paid' || o.status === 'arrived');
  expect(waiting.length).toBeGreaterThan(0);
  for (const [leaderId, openid] of [
    ['leader-wang', 'oLEADER1'],
    ['leader-li', 'oLEADER2'],
  ]) {
    const s = await ok('commission', { action: 'summary' }, openid);
    expect({ leaderId, pending: s.pendingFen, earnedOnPickedUp: s.totalEarnedFen - s.pendingFen }).toEqual({
      leaderId,
      pending: rule(waiting, leaderId),
      earnedOnPickedUp: rule(pickedUp, leaderId),
    });
    // What was picked up more than the settlement days ago is available (or withdrawn).
    expect(s.availableFen + s.withdrawnFen).toBeGreaterThan(0);
    expect(s.confirmedFen + s.availableFen + s.withdrawnFen).toBe(s.totalEarnedFen - s.pendingFen);
  }
  const wang = await ok('commission', { action: 'summary' }, 'oLEADER1');
  expect(wang.withdrawnFen).toBeGreaterThan(0);
  // The history 我的佣金 shows: entries for each order picked up, settled ones, the withdrawal.
  for (const kind of ['pending', 'confirm', 'settle', 'withdraw']) {
    const entries = await ok('commission', { action: 'ledger', kind }, 'oLEADER1');
    expect({ kind, some: entries.items.length > 0 }).toEqual({ kind, some: true });
  }
});

test('training, a pending leader application and a pending after-sale request wait for the admin', async () => {
  const training = await ok('leader', { action: 'training' }, 'oLEADER1');
  expect(training.items.map((i: any) => i.title)).toContain('新团长第一天：自提点怎么开张');
  const applications = await ok('admin', { action: 'leaders.applications', status: 'pending' }, 'oADMIN');
  expect(applications.items.map((a: any) => a.name)).toEqual(['赵姐']);
  const afterSales = await find('afterSales', { status: 'pending' });
  expect(afterSales.map((a) => [a.openid, a.reason])).toEqual([['oRESIDENT1', '商品破损']]);
});

test('residents have reviewed what they picked up: item pages show averages, the console a few 差评 to read', async () => {
  const reviews = await find('reviews');
  const orders = new Map((await find('orders')).map((o) => [o._id, o]));
  expect(reviews.filter((r) => r.kind === 'goods').length).toBeGreaterThan(10);
  // Every review is of an order its author picked up, and only of lines they took home.
  for (const r of reviews) {
    const o = orders.get(r.orderId);
    expect([r._id, o?.status, o?.openid]).toEqual([r._id, 'picked_up', r.openid]);
    if (r.kind === 'goods')
      expect(o.lines.find((l: any) => l.batchItemId === r.batchItemId).pickedQty).toBeGreaterThan(0);
  }
  const console = await ok('admin', { action: 'reviews.list', filter: 'bad' }, 'oADMIN');
  expect(console.unreadBad).toBeGreaterThan(0);
  const reviewed = reviews.find((r) => r.kind === 'goods');
  const item = await ok('catalog', { action: 'reviews', productId: reviewed.productId }, 'oRESIDENT1');
  expect(item.items.length).toBeGreaterThan(0);
});

test('领券中心 has the week’s coupon, and 张三 holds one copy', async () => {
  const offers = await ok('order', { action: 'coupons.available' }, 'oRESIDENT2');
  expect(offers.map((o: any) => [o.title, o.thresholdFen, o.offFen])).toEqual([['本周满30减5', 3000, 500]]);
  const mine = await ok('order', { action: 'coupons.mine', state: 'unused' }, 'oRESIDENT1');
  expect(mine.map((c: any) => c.title)).toEqual(['本周满30减5']);
});

test('residents hold the points of what they picked up: every balance is its ledger; 张三 is 银卡 with a monthly coupon to take', async () => {
  const balances = await find('pointsBalances');
  expect(balances.length).toBeGreaterThan(3);
  for (const b of balances) {
    const ledger = await find('pointsLedger', { openid: b._id });
    expect([b._id, ledger.reduce((s, e) => s + e.points, 0)]).toEqual([b._id, b.balance]);
  }
  // 张三 bought enough this fortnight for 银卡, whose monthly coupon he has not taken yet; it is not in 领券中心.
  const summary = await ok('order', { action: 'points.summary' }, 'oRESIDENT1');
  expect(summary.balance).toBeGreaterThan(0);
  expect(summary.level).toMatchObject({
    name: '银卡会员',
    monthlyCoupon: { title: '会员月券 满50减5', taken: false },
  });
  const offers = await ok('order', { action: 'coupons.available' }, 'oRESIDENT2');
  expect(offers.map((o: any) => o.title)).not.toContain('会员月券 满50减5');
  const kinds = (await ok('order', { action: 'points.history', pageSize: 50 }, 'oRESIDENT1')).items.map(
    (e: any) => e.kind,
  );
  expect(kinds).toContain('earn');
});

test('邀请有礼 is on with its reward coupon, which 领券中心 does not offer', async () => {
  const invite = await ok('user', { action: 'invite' }, 'oRESIDENT1');
  expect(invite).toMatchObject({ enabled: true, monthlyCap: 20, inviteeReward: { title: '邀请有礼立减5元' } });
  expect(invite.path).toMatch(/^\/pages\/home\/index\?leaderId=leader-wang&ref=[a-z2-9]{8}$/);
  const offers = await ok('order', { action: 'coupons.available' }, 'oRESIDENT2');
  expect(offers.map((o: any) => o.title)).not.toContain('邀请有礼立减5元');
});

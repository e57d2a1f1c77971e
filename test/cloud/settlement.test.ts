import { addDays, businessDate, businessInstant, mondayOf } from '../../cloudfunctions/core/domain/time';
import { batchLine, LEADER1, RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * 对账 through the real SDK: a supplier's week of purchases at cost, less the
 * chargebacks of a short arrival and an after-sale refund; disputes, the
 * supplier's confirmation, the payout, and what comes late going to the next week.
 */
const env = 'settlement-env';
const MINUTE = 60_000;
jest.setTimeout(60_000);
let w: AdminWorld;
let batchId: string;
let item: Record<string, string>;
let week: string;
const DAILY = 'oSUPPLIER_DAILY';

beforeAll(async () => {
  w = await startAdminWorld(env, (seed) => {
    // A console account for 家家日用 too, so two suppliers can be told apart.
    seed.collections.users.push({ _id: DAILY, nickname: '家家日用账号', roles: ['supplier'], supplierId: 'sup-daily' });
  });
}, 60_000);
afterAll(() => w?.stop());

const withoutTime = (s: any) => ({ ...s, generatedAt: undefined });
const moveTo = (date: string, time: string) => w.advance(businessInstant(date, time).getTime() - w.now().getTime());

test('a day: orders at cost, a short arrival and an after-sale refund', async () => {
  const now = w.now();
  const cutoffAt = new Date(now.getTime() + 60 * MINUTE);
  const created = await w.ok('batches.create', {
    title: '对账测试团',
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(businessDate(cutoffAt), 1),
    items: [batchLine('p-qingcai', 300), batchLine('p-rice', 4000), batchLine('p-milk', 5000)],
  });
  batchId = created.batch._id;
  week = mondayOf(created.batch.pickupDate);
  item = Object.fromEntries(created.items.map((i: any) => [i.productId.slice(2), i._id]));
  // The milk has no cost price yet (成本待定).
  await w.db
    .collection('batchItems')
    .doc(item.milk)
    .update({ data: { costFen: w._.remove() } });
  await w.ok('batches.open', { id: batchId });

  const a = await w.paidOrder(RES1, batchId, [
    { batchItemId: item.qingcai, qty: 4 },
    { batchItemId: item.rice, qty: 1 },
  ]);
  await w.paidOrder(
    RES2,
    batchId,
    [
      { batchItemId: item.qingcai, qty: 2 },
      { batchItemId: item.milk, qty: 1 },
    ],
    'pp-sunshine',
  );

  w.advance(61 * MINUTE);
  await w.t.running.cloud.functions.fireTrigger(env, 'scheduler');
  expect(await w.ok('supply.run', { batchId })).toMatchObject({ phase: 'done' });

  // Moving the clock to the pickup morning, the leader counts 5 of 6 青菜.
  moveTo(created.batch.pickupDate, '08:00');
  // The leader photographs the short crate; seven photos, or a path that is not a stored file, are refused.
  const photos = [`cloud://${env}.bucket/arrival/${batchId}/qingcai-1.jpg`];
  const confirm = (qingcaiPhotos: string[]) =>
    w.call(
      'leader',
      {
        action: 'confirmArrival',
        batchId,
        lines: [
          { batchItemId: item.qingcai, receivedQty: 5, damagedQty: 0, photos: qingcaiPhotos },
          { batchItemId: item.rice, receivedQty: 1, damagedQty: 0 },
          { batchItemId: item.milk, receivedQty: 1, damagedQty: 0 },
        ],
      },
      LEADER1,
    );
  const before = (await w.dump('arrivals')) + (await w.dump('chargebacks'));
  expect((await confirm(Array(7).fill(photos[0]))).code).toBe('INVALID_INPUT');
  expect((await confirm(['http://example.com/a.jpg'])).code).toBe('INVALID_INPUT');
  expect((await w.dump('arrivals')) + (await w.dump('chargebacks'))).toBe(before);
  const arrival = await confirm(photos);
  expect(arrival.ok).toBe(true);
  expect(await w.find('chargebacks', { batchId })).toEqual([
    expect.objectContaining({ supplierId: 'sup-veg', qty: 1, unitCostFen: 180, amountFen: 180, reason: 'shortage' }),
  ]);
  // The supplier sees the leader's photos on its chargeback.
  expect((await w.ok('chargebacks.list', {}, SUPPLIER)).items.map((c: any) => c.photos)).toEqual([photos]);

  // The rice turns out bad: the resident asks, the admin refunds it.
  const asked = await w.call(
    'order',
    { action: 'afterSale', orderId: a._id, lines: [{ batchItemId: item.rice, qty: 1 }], reason: '米袋破损' },
    RES1,
  );
  expect(asked.ok).toBe(true);
  expect(await w.ok('afterSales.review', { id: asked.data._id, approve: true, reason: '同意退款' })).toMatchObject({
    status: 'refunded',
  });
});

test('the week is settled only once it has ended; bad input changes nothing', async () => {
  const before = await w.dump('statements');
  expect((await w.admin('statements.generate', { start: week })).code).toBe('INVALID_STATE');
  expect((await w.admin('statements.generate', { start: addDays(week, 1) })).code).toBe('INVALID_INPUT');
  expect((await w.admin('statements.generate', { start: '2026-13-01' })).code).toBe('INVALID_INPUT');
  expect((await w.admin('statements.generate', { start: week }, SUPPLIER)).code).toBe('FORBIDDEN');
  expect((await w.admin('statements.generate', { start: week }, RES1)).code).toBe('FORBIDDEN');
  expect((await w.admin('statements.generate', { start: week }, undefined)).code).toBe('UNAUTHENTICATED');
  expect(await w.dump('statements')).toBe(before);
});

test('each statement is purchases at cost − chargebacks − after-sales, to the fen; a rerun is the same', async () => {
  moveTo(addDays(week, 7), '09:00');
  const { period, statements } = await w.ok('statements.generate', { start: week });
  expect(period).toEqual({ kind: 'week', start: week, end: addDays(week, 6) });
  const by = Object.fromEntries(statements.map((s: any) => [s.supplierId, s]));
  expect(Object.keys(by).sort()).toEqual(['sup-daily', 'sup-oil', 'sup-veg']);

  // 城南蔬菜基地: 6 青菜 at ¥1.80, one charged back for the shortage.
  expect(by['sup-veg']).toMatchObject({
    _id: `sup-veg_${week}`,
    status: 'draft',
    purchaseFen: 6 * 180,
    chargebackFen: 180,
    afterSaleFen: 0,
    totalFen: 6 * 180 - 180,
    costPending: 0,
  });
  // 金龙鱼: the rice bought at ¥31.00 and refunded after sale, charged back at the same cost.
  expect(by['sup-oil']).toMatchObject({ purchaseFen: 3100, chargebackFen: 0, afterSaleFen: 3100, totalFen: 0 });
  expect(by['sup-oil'].lines.map((l: any) => [l.kind, l.qty, l.unitCostFen, l.amountFen])).toEqual([
    ['purchase', 1, 3100, 3100],
    ['afterSale', 1, 3100, -3100],
  ]);
  // 家家日用: the milk has no cost price: nothing counted, and it says so.
  expect(by['sup-daily']).toMatchObject({ purchaseFen: 0, totalFen: 0, costPending: 1 });

  for (const s of statements) {
    const sum = (kind: string) =>
      s.lines.filter((l: any) => l.kind === kind).reduce((t: number, l: any) => t + l.amountFen, 0);
    expect(sum('purchase')).toBe(s.purchaseFen);
    expect(0 - sum('chargeback') || 0).toBe(s.chargebackFen);
    expect(0 - sum('afterSale') || 0).toBe(s.afterSaleFen);
    expect(s.totalFen).toBe(s.purchaseFen - s.chargebackFen - s.afterSaleFen);
    for (const l of s.lines)
      expect(l.amountFen).toBe((l.kind === 'purchase' ? 1 : -1) * l.qty * (l.unitCostFen ?? 0) || 0);
  }

  const again = await w.ok('statements.generate', { start: week });
  expect(again.statements.map(withoutTime)).toEqual(statements.map(withoutTime));
});

test('a supplier reads only its own statements and chargebacks', async () => {
  const mine = await w.ok('statements.list', { supplierId: 'sup-oil' }, SUPPLIER);
  expect(mine.items.map((s: any) => s.supplierId)).toEqual(['sup-veg']);
  expect((await w.admin('statements.get', { id: `sup-oil_${week}` }, SUPPLIER)).code).toBe('NOT_FOUND');
  expect((await w.ok('statements.get', { id: `sup-veg_${week}` }, SUPPLIER)).totalFen).toBe(900);
  expect((await w.ok('chargebacks.list', {}, DAILY)).items).toEqual([]);
  expect((await w.admin('statements.list', {}, RES1)).code).toBe('FORBIDDEN');
  expect((await w.admin('chargebacks.list', {}, LEADER1)).code).toBe('FORBIDDEN');
  const [cb] = (await w.ok('chargebacks.list', {}, SUPPLIER)).items;
  expect((await w.admin('chargebacks.dispute', { id: cb._id, reason: '发货时足量' }, DAILY)).code).toBe('NOT_FOUND');
  expect((await w.ok('chargebacks.list', {})).items.map((c: any) => c.status)).toEqual(['open']);
});

test('a disputed chargeback leaves the draft; the supplier confirms, the platform pays; then nothing moves it', async () => {
  const [cb] = (await w.ok('chargebacks.list', {}, SUPPLIER)).items;
  expect((await w.admin('chargebacks.dispute', { id: cb._id, reason: '' }, SUPPLIER)).code).toBe('INVALID_INPUT');
  expect((await w.admin('chargebacks.decide', { id: cb._id, uphold: true, reason: '照片为证' })).code).toBe(
    'INVALID_STATE',
  );
  const disputed = await w.ok('chargebacks.dispute', { id: cb._id, reason: '出库时 6 份足量，有签收单' }, SUPPLIER);
  expect(disputed).toMatchObject({ status: 'disputed', disputeReason: '出库时 6 份足量，有签收单' });
  expect((await w.admin('chargebacks.dispute', { id: cb._id, reason: '再申诉' }, SUPPLIER)).code).toBe('INVALID_STATE');

  const { statements } = await w.ok('statements.generate', { start: week });
  const veg = statements.find((s: any) => s.supplierId === 'sup-veg');
  expect(veg).toMatchObject({ status: 'draft', chargebackFen: 0, totalFen: 1080 });

  // Only the supplier confirms, and only the total it read.
  expect((await w.admin('statements.confirm', { id: veg._id, totalFen: 1080 })).code).toBe('FORBIDDEN');
  const stale = await w.admin('statements.confirm', { id: veg._id, totalFen: 900 }, SUPPLIER);
  expect(stale).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '对账单已更新，请重新查看后确认' });
  expect((await w.admin('statements.pay', { id: veg._id, payoutRef: 'BANK-1' })).code).toBe('INVALID_STATE');
  const confirmed = await w.ok('statements.confirm', { id: veg._id, totalFen: 1080 }, SUPPLIER);
  expect(confirmed).toMatchObject({ status: 'confirmed', totalFen: 1080 });
  expect((await w.admin('statements.pay', { id: veg._id, payoutRef: '' })).code).toBe('INVALID_INPUT');
  expect((await w.admin('statements.pay', { id: veg._id, payoutRef: 'BANK-1' }, SUPPLIER)).code).toBe('FORBIDDEN');
  const paid = await w.ok('statements.pay', { id: veg._id, payoutRef: 'BANK-20261203-001' });
  expect(paid).toMatchObject({ status: 'paid', payoutRef: 'BANK-20261203-001', totalFen: 1080 });
  expect((await w.admin('statements.pay', { id: veg._id, payoutRef: 'BANK-2' })).code).toBe('INVALID_STATE');

  // The milk's cost arrives: the draft of 家家日用 follows; its supplier can confirm only once nothing is pending.
  const daily = statements.find((s: any) => s.supplierId === 'sup-daily');
  const pending = await w.admin('statements.confirm', { id: daily._id, totalFen: 0 }, DAILY);
  expect(pending).toMatchObject({ code: 'INVALID_STATE', message: '还有 1 个商品成本待定，平台设置后再确认' });
  await w.ok('batches.items.update', { batchItemId: item.milk, costFen: 3500 });
  const after = await w.ok('statements.generate', { start: week });
  expect(after.statements.find((s: any) => s.supplierId === 'sup-daily')).toMatchObject({
    purchaseFen: 3500,
    totalFen: 3500,
    costPending: 0,
  });
  expect(await w.ok('statements.confirm', { id: daily._id, totalFen: 3500 }, DAILY)).toMatchObject({
    status: 'confirmed',
  });
  // The paid statement is exactly what was paid.
  expect(withoutTime(after.statements.find((s: any) => s.supplierId === 'sup-veg'))).toEqual(withoutTime({ ...paid }));
});

test('upheld after its week was paid, the chargeback counts in the next week, never in the paid one', async () => {
  const [cb] = (await w.ok('chargebacks.list', { status: 'disputed' }, SUPPLIER)).items;
  expect((await w.admin('chargebacks.decide', { id: cb._id, uphold: true, reason: '照片为证' }, SUPPLIER)).code).toBe(
    'FORBIDDEN',
  );
  const upheld = await w.ok('chargebacks.decide', { id: cb._id, uphold: true, reason: '团长照片显示少一份' });
  expect(upheld).toMatchObject({ status: 'upheld', decisionReason: '团长照片显示少一份' });
  const paidBefore = await w.ok('statements.get', { id: `sup-veg_${week}` });

  const next = addDays(week, 7);
  moveTo(addDays(next, 7), '09:00');
  await w.ok('statements.generate', { start: week });
  expect(await w.ok('statements.get', { id: `sup-veg_${week}` })).toEqual(paidBefore);
  const { statements } = await w.ok('statements.generate', { start: next });
  expect(statements.map((s: any) => s.supplierId)).toEqual(['sup-veg']);
  expect(statements[0]).toMatchObject({ purchaseFen: 0, chargebackFen: 180, totalFen: -180 });
  expect(statements[0].lines).toEqual([
    expect.objectContaining({ kind: 'chargeback', ref: cb._id, date: businessDate(new Date(upheld.decidedAt)) }),
  ]);
});

test('the admin may cut statements by month instead; only an admin changes it', async () => {
  expect(await w.ok('statements.period', {}, SUPPLIER)).toEqual({ kind: 'week' });
  expect((await w.admin('statements.period', { kind: 'month' }, SUPPLIER)).code).toBe('FORBIDDEN');
  expect((await w.admin('statements.period', { kind: 'year' })).code).toBe('INVALID_INPUT');
  expect(await w.ok('statements.period', { kind: 'month' })).toEqual({ kind: 'month' });
  expect((await w.admin('statements.generate', { start: week })).code).toBe(
    week.endsWith('-01') ? 'INVALID_STATE' : 'INVALID_INPUT',
  );
  const month = `${week.slice(0, 7)}-01`;
  const res = await w.admin('statements.generate', { start: month });
  // A month that has not ended yet is refused; one that has gives one statement per supplier for it.
  if (res.ok) expect(res.data.period).toMatchObject({ kind: 'month', start: month });
  else expect(res.code).toBe('INVALID_STATE');
  await w.ok('statements.period', { kind: 'week' });
});

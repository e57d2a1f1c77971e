import { addDays, businessInstant } from '../../cloudfunctions/core/domain/time';
import { ITEM, OPEN } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

jest.setTimeout(60_000);

/**
 * Pickup notices name what is actually waiting (shortage refunds left out),
 * and every paid order that ends (picked up, or closed by the no-show rule)
 * gets its shipping info (发货信息录入) uploaded once: a failed upload is
 * retried by the leader timer, and a second timer run uploads nothing.
 */
let w: LeaderWorld;
const o: Record<string, { _id: string; orderNo: string; code: string }> = {};
const L1 = 'oLEADER1';
const POINT = '阳光花园3栋门口';
const QINGCAI = '本地小青菜 500g';
const RICE = '金龙鱼东北大米 5kg';

beforeAll(async () => {
  w = await startLeaderWorld('notices-shipping-env');
  for (const k of [1, 2, 3, 4]) {
    await w.addUser(`oNS${k}`, { nickname: `居民${k}`, pickupPointId: 'pp-sunshine' });
    await w.consent(`oNS${k}`);
  }
  // One after another: the shortage rule takes from the latest orders first.
  o.o1 = await w.paidOrder('oNS1', [
    { batchItemId: ITEM.qingcai, qty: 2 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  o.o2 = await w.paidOrder('oNS2', [{ batchItemId: ITEM.qingcai, qty: 2 }]);
  o.o3 = await w.paidOrder('oNS3', [{ batchItemId: ITEM.egg, qty: 1 }]);
  o.o4 = await w.paidOrder('oNS4', [
    { batchItemId: ITEM.egg, qty: 1 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  await w.cutOff();
}, 90_000);
afterAll(() => w?.stop());

const cloud = () => w.t.running.cloud;
const uploadsOf = (openid: string) =>
  cloud()
    .openapi.shippingUploads(w.env)
    .filter((u) => u.payer.openid === openid);
const fire = () => cloud().functions.fireTrigger(w.env, 'leader') as Promise<any>;

test('pickup notices name only the goods waiting: short units left out, nothing left → no notice', async () => {
  const res = await w.leader(
    'confirmArrival',
    {
      batchId: OPEN,
      lines: [
        { batchItemId: ITEM.qingcai, receivedQty: 3, damagedQty: 0 }, // 4 ordered: o2 (latest) gives 1
        { batchItemId: ITEM.egg, receivedQty: 0, damagedQty: 0 }, // none came: o3 and o4 give theirs
        { batchItemId: ITEM.rice, receivedQty: 2, damagedQty: 0 },
      ],
    },
    L1,
  );
  expect(res.ok).toBe(true);
  expect(res.data.noticesSent).toBe(3);
  const sent = new Map(
    cloud()
      .openapi.outbox(w.env)
      .filter((m) => m.template === 'TPL_PICKUP')
      .map((m) => [m.touser, String(m.data.thing1.value)]),
  );
  expect(sent.get('oNS1')).toBe(`${QINGCAI}×2等2件`);
  expect(sent.get('oNS2')).toBe(`${QINGCAI}×1`);
  expect(sent.get('oNS4')).toBe(`${RICE}×1`);
  // o3 lost its only line: no notice at all.
  expect(sent.has('oNS3')).toBe(false);
  expect(await w.doc('notices', `pickup|${o.o3._id}`)).toBeUndefined();
});

test('picked up: the shipping info names the goods handed over, uploaded once', async () => {
  const res = await w.leader('verify', { batchId: OPEN, code: o.o2.code }, L1);
  expect(res.data).toMatchObject({ status: 'picked_up', pickedNow: 1, shipping: { status: 'uploaded' } });
  const uploads = uploadsOf('oNS2');
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({ logisticsType: 4, deliveryMode: 1 });
  expect(uploads[0].shippingList).toEqual([{ item_desc: `${QINGCAI}*1（自提点：${POINT}）` }]);
  expect((await w.doc('orders', o.o2._id)).shipping).toMatchObject({ status: 'uploaded', attempts: 1 });
  // Verifying again answers the order and uploads nothing.
  expect((await w.leader('verify', { batchId: OPEN, code: o.o2.code }, L1)).data.alreadyPicked).toBe(true);
  expect(uploadsOf('oNS2')).toHaveLength(1);
});

test('a failed upload is recorded, the timer retries it once; a second run uploads nothing', async () => {
  cloud().faults.set({ openApiErrcodes: { 'wxa.sec.order.uploadShippingInfo': -1 } });
  try {
    const res = await w.leader('verify', { batchId: OPEN, code: o.o4.code }, L1);
    expect(res.data).toMatchObject({ status: 'picked_up', shipping: { status: 'failed', errCode: -1 } });
    expect(uploadsOf('oNS4')).toHaveLength(0);
    expect((await w.doc('orders', o.o4._id)).shipping).toMatchObject({ status: 'failed', errCode: -1 });
    // Still failing: the timer records it again and keeps it for the next run.
    expect((await fire()).data.shipping).toEqual({ uploaded: 0, failed: 1 });
  } finally {
    cloud().faults.clear();
  }
  expect((await fire()).data.shipping).toEqual({ uploaded: 1, failed: 0 });
  const uploads = uploadsOf('oNS4');
  expect(uploads).toHaveLength(1);
  expect(uploads[0].shippingList).toEqual([{ item_desc: `${RICE}*1（自提点：${POINT}）` }]);
  const order = await w.doc('orders', o.o4._id);
  expect(order.shipping).toMatchObject({ status: 'uploaded', attempts: 3 });
  expect(order.shipping.errCode).toBeUndefined();
  expect((await fire()).data.shipping).toEqual({ uploaded: 0, failed: 0 });
  expect(uploadsOf('oNS4')).toHaveLength(1);
});

test('closed by the no-show rule: uploaded by the timer run that closes it, never again', async () => {
  expect((await w.admin('settings.noShow', { rule: 'keep', graceHours: 2, remindHoursBefore: 0 })).ok).toBe(true);
  const batch = await w.doc('batches', OPEN);
  cloud().clock.set(businessInstant(addDays(batch.pickupDate, 1), '00:00').getTime() + 3 * 3600_000);
  try {
    const run = (await fire()).data;
    expect(run.applied).toBe(1);
    expect(run.shipping).toEqual({ uploaded: 1, failed: 0 });
    const uploads = uploadsOf('oNS1');
    expect(uploads).toHaveLength(1);
    expect(uploads[0].shippingList).toEqual([{ item_desc: `${QINGCAI}*2、${RICE}*1（自提点：${POINT}）` }]);
    expect((await fire()).data).toMatchObject({ applied: 0, shipping: { uploaded: 0, failed: 0 } });
    expect(uploadsOf('oNS1')).toHaveLength(1);
    // The order that lost everything at arrival ends with nothing to upload.
    expect(uploadsOf('oNS3')).toHaveLength(0);
  } finally {
    cloud().clock.reset();
  }
});

import { ITEM, OPEN } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

// wxacode.getUnlimited takes ~3 s in the local cloud, and arrivals page through orders.
jest.setTimeout(30_000);

let w: LeaderWorld;
beforeAll(async () => {
  w = await startLeaderWorld('leader-env');
}, 60_000);
afterAll(() => w?.stop());

const LEADER_ACTIONS: Array<[string, Record<string, unknown>]> = [
  ['checklist', { batchId: OPEN }],
  ['skuTotals', { batchId: OPEN }],
  ['verify', { batchId: OPEN, code: '123456' }],
  ['confirmArrival', { batchId: OPEN, lines: [] }],
  ['shareInfo', { batchId: OPEN }],
  ['unnotified', { batchId: OPEN }],
  ['training', {}],
  ['batches', {}],
];

describe('who may call what', () => {
  test('residents, strangers and admins cannot use leader actions; leaders cannot use admin actions', async () => {
    for (const [action, data] of LEADER_ACTIONS) {
      expect({ action, code: (await w.leader(action, data, 'oRESIDENT1')).code }).toEqual({
        action,
        code: 'FORBIDDEN',
      });
      expect({ action, code: (await w.leader(action, data)).code }).toEqual({ action, code: 'UNAUTHENTICATED' });
      expect({ action, code: (await w.leader(action, data, 'oADMIN')).code }).toEqual({ action, code: 'FORBIDDEN' });
    }
    for (const action of [
      'leaders.applications',
      'leaders.list',
      'leaders.review',
      'settings.noShow',
      'training.publish',
    ]) {
      const data =
        action === 'leaders.review'
          ? { applicationId: 'x', approve: true }
          : action === 'settings.noShow'
            ? { rule: 'refund', graceHours: 1 }
            : action === 'training.publish'
              ? { title: 't', body: 'b' }
              : {};
      expect({ action, code: (await w.admin(action, data, 'oLEADER1')).code }).toEqual({ action, code: 'FORBIDDEN' });
      expect({ action, code: (await w.admin(action, data, 'oRESIDENT1')).code }).toEqual({ action, code: 'FORBIDDEN' });
    }
  });

  test('a leader role without an active leader record is refused', async () => {
    await w.addUser('oFAKELEADER', { roles: ['resident', 'leader'] });
    expect((await w.leader('checklist', { batchId: OPEN }, 'oFAKELEADER')).code).toBe('FORBIDDEN');
  });

  test('the client cannot name the point: extra ids are ignored', async () => {
    const res = await w.leader(
      'checklist',
      { batchId: OPEN, pickupPointId: 'pp-cuiyuan', leaderId: 'leader-li' },
      'oLEADER1',
    );
    expect(res.ok).toBe(true);
  });
});

describe('becoming a leader', () => {
  const input = {
    name: '赵六',
    phone: '13812345678',
    address: '上海市浦东新区张杨路100号',
    location: { lat: 31.22, lng: 121.555 },
    hours: '08:00-20:00',
    photo: 'cloud://leader-env.bucket/apply/zhao.jpg',
    pointName: '张杨路100号便利店',
  };
  let applicationId: string;

  test('bad input and risky text change nothing', async () => {
    await w.addUser('oAPPLY0', { nickname: '路人' });
    const bad: Array<Record<string, unknown>> = [
      { phone: '12812345678' },
      { phone: '1381234567' },
      { name: '' },
      { location: { lat: 91, lng: 121 } },
      { location: { lat: 31 } },
      { photo: 'https://example.com/a.jpg' },
      { hours: 'x'.repeat(31) },
    ];
    for (const change of bad) {
      const res = await w.leader('apply', { ...input, ...change }, 'oAPPLY0');
      expect({ change, code: res.code }).toEqual({ change, code: 'INVALID_INPUT' });
    }
    expect((await w.leader('apply', { ...input, address: '楼下赌博场所' }, 'oAPPLY0')).code).toBe('CONTENT_RISKY');
    expect(await w.find('leaderApplications', { openid: 'oAPPLY0' })).toHaveLength(0);
    // Not registered (no users document): not a resident yet.
    expect((await w.leader('apply', input, 'oNOBODY')).code).toBe('FORBIDDEN');
    // Already a leader.
    expect((await w.leader('apply', input, 'oLEADER1')).code).toBe('INVALID_STATE');
  });

  test('parallel applies leave one pending application', async () => {
    await w.addUser('oAPPLY1', { nickname: '赵六' });
    const results = await Promise.all([1, 2, 3, 4].map(() => w.leader('apply', input, 'oAPPLY1')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'INVALID_STATE')).toBe(true);
    const stored = await w.find('leaderApplications', { openid: 'oAPPLY1' });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'pending', phone: '13812345678', pointName: '张杨路100号便利店' });
    applicationId = stored[0]._id;
    expect((await w.leader('myApplication', {}, 'oAPPLY1')).data).toMatchObject({
      _id: applicationId,
      status: 'pending',
    });
  });

  test('the admin sees pending applications and approves: role, leader record and an active point', async () => {
    const pending = await w.admin('leaders.applications', { status: 'pending' });
    expect(pending.ok).toBe(true);
    expect(pending.data.items.map((a: any) => a._id)).toContain(applicationId);
    expect((await w.admin('leaders.review', { applicationId, approve: false })).code).toBe('INVALID_INPUT');

    const res = await w.admin('leaders.review', { applicationId, approve: true });
    expect(res.ok).toBe(true);
    const { leaderId, pickupPointId } = res.data;
    expect(res.data.status).toBe('approved');
    expect((await w.doc('users', 'oAPPLY1')).roles).toEqual(['resident', 'leader']);
    expect(await w.doc('leaders', leaderId)).toMatchObject({ openid: 'oAPPLY1', status: 'active', pickupPointId });
    const point = await w.doc('pickupPoints', pickupPointId);
    expect(point).toMatchObject({ active: true, leaderId, name: '张杨路100号便利店', hours: '08:00-20:00' });
    expect(point.location.coordinates ?? [point.location.longitude, point.location.latitude]).toEqual([121.555, 31.22]);

    // Reviewing twice changes nothing.
    expect((await w.admin('leaders.review', { applicationId, approve: true })).code).toBe('INVALID_STATE');
    expect((await w.admin('leaders.review', { applicationId, approve: false, reason: '重复' })).code).toBe(
      'INVALID_STATE',
    );
    expect(await w.find('leaders', { openid: 'oAPPLY1' })).toHaveLength(1);
    expect((await w.doc('leaderApplications', applicationId)).status).toBe('approved');
    // The new leader works at once, on their own (empty) point.
    const list = await w.leader('checklist', { batchId: OPEN }, 'oAPPLY1');
    expect(list.data.r).toEqual([]);
    expect((await w.leader('apply', input, 'oAPPLY1')).code).toBe('INVALID_STATE');
  });

  test('a rejection stores the reason, and the user may apply again', async () => {
    await w.addUser('oAPPLY2', { nickname: '钱七' });
    const first = await w.leader('apply', { ...input, name: '钱七', pointName: undefined }, 'oAPPLY2');
    expect(first.data.pointName).toBe('钱七的自提点');
    const res = await w.admin('leaders.review', {
      applicationId: first.data._id,
      approve: false,
      reason: '照片不清晰',
    });
    expect(res.data).toMatchObject({ status: 'rejected', reason: '照片不清晰' });
    expect((await w.doc('users', 'oAPPLY2')).roles).toEqual(['resident']);
    expect(await w.find('leaders', { openid: 'oAPPLY2' })).toHaveLength(0);
    expect((await w.leader('myApplication', {}, 'oAPPLY2')).data).toMatchObject({
      status: 'rejected',
      reason: '照片不清晰',
    });
    const again = await w.leader('apply', { ...input, name: '钱七' }, 'oAPPLY2');
    expect(again.ok).toBe(true);
    expect(again.data._id).not.toBe(first.data._id);
    expect((await w.admin('leaders.applications', { status: 'rejected' })).data.items.map((a: any) => a._id)).toEqual([
      first.data._id,
    ]);
  });
});

describe('nearby pickup points', () => {
  test('active points nearest first, distances in meters; a closed point is not offered', async () => {
    const res = await w.leader('nearbyPoints', { lat: 31.2107, lng: 121.5446, limit: 10 }, 'oRESIDENT3');
    expect(res.ok).toBe(true);
    const ids = res.data.map((p: any) => p._id);
    expect(ids[0]).toBe('pp-sunshine');
    expect(res.data[0].distanceM).toBe(0);
    // The approved point at (121.555, 31.22) is about 1.4 km away, Hangzhou about 140 km.
    const approved = res.data[1];
    expect(approved.name).toBe('张杨路100号便利店');
    expect(approved.distanceM).toBeGreaterThan(1000);
    expect(approved.distanceM).toBeLessThan(2000);
    expect(ids).toContain('pp-cuiyuan');
    expect(ids).not.toContain('pp-guihua');
    const distances = res.data.map((p: any) => p.distanceM);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
    expect(res.data.find((p: any) => p._id === 'pp-cuiyuan').distanceM).toBeGreaterThan(100_000);

    const one = await w.leader('nearbyPoints', { lat: 30.2836, lng: 120.1295, limit: 1 }, 'oRESIDENT3');
    expect(one.data.map((p: any) => p._id)).toEqual(['pp-cuiyuan']);
    expect((await w.leader('nearbyPoints', { lat: 31, lng: 121, limit: 21 }, 'oRESIDENT3')).code).toBe('INVALID_INPUT');
    expect((await w.leader('nearbyPoints', { lat: 'x', lng: 121 }, 'oRESIDENT3')).code).toBe('INVALID_INPUT');
    expect((await w.leader('nearbyPoints', { lat: 31, lng: 121 })).code).toBe('UNAUTHENTICATED');
  });

  test('an admin closes and reopens a point', async () => {
    const off = await w.admin('leaders.setPointActive', { pickupPointId: 'pp-sunshine', active: false });
    expect(off.data).toEqual({ pickupPointId: 'pp-sunshine', active: false, changed: true });
    const near = await w.leader('nearbyPoints', { lat: 31.2107, lng: 121.5446, limit: 3 }, 'oRESIDENT3');
    expect(near.data.map((p: any) => p._id)).not.toContain('pp-sunshine');
    expect((await w.admin('leaders.setPointActive', { pickupPointId: 'pp-sunshine', active: true })).data.changed).toBe(
      true,
    );
    expect((await w.admin('leaders.setPointActive', { pickupPointId: 'pp-sunshine', active: true })).data.changed).toBe(
      false,
    );
    expect((await w.admin('leaders.setPointActive', { pickupPointId: 'nope', active: true })).code).toBe('NOT_FOUND');
  });
});

describe('sharing', () => {
  test('share path and a poster uploaded once per leader, whose scene binds a new resident', async () => {
    const first = await w.leader('shareInfo', { batchId: OPEN }, 'oLEADER1');
    expect(first.ok).toBe(true);
    expect(first.data).toMatchObject({
      leaderId: 'leader-wang',
      leaderName: '王阿姨',
      pointName: '阳光花园3栋门口',
      pointAddress: '上海市浦东新区锦绣路1500弄阳光花园3栋',
      path: '/pages/home/index?leaderId=leader-wang&batchId=batch-today',
      scene: 'l=leader-wang',
      posterFileID: expect.stringMatching(/^cloud:\/\/.+\.png$/),
    });
    const second = await w.leader('shareInfo', { batchId: OPEN }, 'oLEADER1');
    expect(second.data.posterFileID).toBe(first.data.posterFileID);
    const codes = w.t.running.cloud.openapi.calls(w.env).filter((c) => c.api === 'wxacode.getUnlimited');
    expect(codes).toHaveLength(1);
    const sdk = require('wx-server-sdk');
    const file = await sdk.downloadFile({ fileID: first.data.posterFileID });
    expect(file.fileContent.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // Another leader gets their own poster.
    const other = await w.leader('shareInfo', { batchId: OPEN }, 'oLEADER2');
    expect(other.data.posterFileID).not.toBe(first.data.posterFileID);
    expect((await w.leader('shareInfo', { batchId: 'nope' }, 'oLEADER1')).code).toBe('NOT_FOUND');
    // The scene, as WeChat hands it to the page, binds a first-time visitor to the leader's point.
    const me = await w.call('user', { action: 'enter', scene: encodeURIComponent(first.data.scene) }, 'oSCANNED');
    expect(me.data.pickupPoint._id).toBe('pp-sunshine');
    expect(me.data.referrerLeaderId).toBe('leader-wang');
  });
});

describe('checklist and verification', () => {
  let a1: any, a2: any, a3: any, b1: any;
  beforeAll(async () => {
    await w.addUser('oCL1', { nickname: 'Alice', phone: '13700001234', pickupPointId: 'pp-sunshine' });
    await w.db
      .collection('users')
      .doc('oRESIDENT1')
      .update({ data: { phone: '13600009876' } });
    a1 = await w.paidOrder('oRESIDENT1', [
      { batchItemId: ITEM.qingcai, qty: 2 },
      { batchItemId: ITEM.rice, qty: 1 },
    ]);
    a2 = await w.paidOrder('oCL1', [{ batchItemId: ITEM.qingcai, qty: 2 }]);
    a3 = await w.paidOrder('oCL1', [{ batchItemId: ITEM.egg, qty: 1 }]);
    b1 = await w.paidOrder('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  }, 60_000);

  test("each leader sees only their own point's orders, grouped by resident, phone tail only", async () => {
    const res = await w.leader('checklist', { batchId: OPEN }, 'oLEADER1');
    expect(res.ok).toBe(true);
    const data = res.data;
    expect(data.r.map((r: any) => r.n)).toEqual(['张三', 'Alice']);
    const alice = data.r[1];
    expect(alice.t).toBe('1234');
    expect(alice.o.map((o: any) => o.id)).toEqual([a2._id, a3._id]);
    const itemTitle = (i: number) => data.it[i][1];
    expect(alice.o[0].l.map((l: number[]) => [itemTitle(l[0]), l[1], l[2], l[3]])).toEqual([
      ['本地小青菜 500g', 2, 0, 0],
    ]);
    expect(alice.d).toBe(0);
    const json = JSON.stringify(data);
    expect(json).not.toContain('13700001234');
    expect(json).not.toContain('13600009876');
    expect(json).not.toContain(b1._id);

    const li = await w.leader('checklist', { batchId: OPEN }, 'oLEADER2');
    expect(li.data.r.flatMap((r: any) => r.o.map((o: any) => o.id))).toEqual([b1._id]);
  });

  test('paged by resident; search by pickup code or phone tail, only at the own point', async () => {
    const p1 = await w.leader('checklist', { batchId: OPEN, page: 1, pageSize: 1 }, 'oLEADER1');
    const p2 = await w.leader('checklist', { batchId: OPEN, page: 2, pageSize: 1 }, 'oLEADER1');
    expect([p1.data.hasMore, p2.data.hasMore]).toEqual([true, false]);
    expect([p1.data.r[0].n, p2.data.r[0].n]).toEqual(['张三', 'Alice']);

    const byCode = await w.leader('checklist', { batchId: OPEN, search: a3.code }, 'oLEADER1');
    expect(byCode.data.r.flatMap((r: any) => r.o.map((o: any) => o.id))).toEqual([a3._id]);
    const byTail = await w.leader('checklist', { batchId: OPEN, search: '1234' }, 'oLEADER1');
    expect(byTail.data.r.map((r: any) => r.n)).toEqual(['Alice']);
    expect((await w.leader('checklist', { batchId: OPEN, search: '0000' }, 'oLEADER1')).data.r).toEqual([]);
    expect((await w.leader('checklist', { batchId: OPEN, search: a1.code }, 'oLEADER2')).data.r).toEqual([]);
    for (const bad of [{ search: '12345' }, { search: 'abcd' }, { pageSize: 51 }, { page: 0 }, { batchId: '' }]) {
      expect((await w.leader('checklist', { batchId: OPEN, ...bad }, 'oLEADER1')).code).toBe('INVALID_INPUT');
    }
  });

  test('SKU totals for receiving goods, per point', async () => {
    const res = await w.leader('skuTotals', { batchId: OPEN }, 'oLEADER1');
    expect(res.data.arrivalConfirmed).toBe(false);
    expect(res.data.items.map((i: any) => [i.batchItemId, i.qty, i.orders])).toEqual([
      [ITEM.qingcai, 4, 2],
      [ITEM.egg, 1, 1],
      [ITEM.rice, 1, 1],
    ]);
    const li = await w.leader('skuTotals', { batchId: OPEN }, 'oLEADER2');
    expect(li.data.items.map((i: any) => [i.batchItemId, i.qty])).toEqual([[ITEM.qingcai, 1]]);
  });

  test('no verification before arrival; another leader cannot verify; bad codes', async () => {
    expect((await w.leader('verify', { batchId: OPEN, code: a1.code }, 'oLEADER1')).code).toBe('INVALID_STATE');
    expect((await w.leader('confirmArrival', { batchId: OPEN, lines: [] }, 'oLEADER1')).code).toBe('INVALID_STATE'); // not cut off
    await w.cutOff();
    const arrival = await w.leader('confirmArrival', { batchId: OPEN, lines: [] }, 'oLEADER1');
    expect(arrival.data).toMatchObject({ confirmed: true, arrivedOrders: 3, refunds: [], chargebacks: [] });
    expect((await w.doc('orders', a1._id)).status).toBe('arrived');
    expect((await w.doc('orders', b1._id)).status).toBe('paid'); // the other point has not confirmed
    expect((await w.leader('verify', { batchId: OPEN, code: a1.code }, 'oLEADER2')).code).toBe('NOT_FOUND');
    expect((await w.leader('verify', { batchId: OPEN, code: a1.code }, 'oRESIDENT1')).code).toBe('FORBIDDEN');
    expect((await w.leader('verify', { batchId: OPEN, code: '12345' }, 'oLEADER1')).code).toBe('INVALID_INPUT');
    expect((await w.leader('verify', { batchId: OPEN, code: a1.code, lines: [] }, 'oLEADER1')).code).toBe(
      'INVALID_INPUT',
    );
    expect((await w.doc('orders', a1._id)).lines.every((l: any) => l.pickedQty === 0)).toBe(true);
  });

  test('six leaders’ phones verifying one order at once pick it once; shipping info uploaded once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => w.leader('verify', { batchId: OPEN, code: a1.code }, 'oLEADER1')),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => r.data.pickedNow).sort()).toEqual([0, 0, 0, 0, 0, 3]);
    const order = await w.doc('orders', a1._id);
    expect(order.status).toBe('picked_up');
    expect(order.lines.map((l: any) => [l.qty, l.pickedQty])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(order.history.filter((h: any) => h.status === 'picked_up')).toHaveLength(1);
    expect(order.shipping).toMatchObject({ status: 'uploaded' });
    const uploads = w.t.running.cloud.openapi.shippingUploads(w.env).filter((u) => u.payer.openid === 'oRESIDENT1');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ logisticsType: 4, deliveryMode: 1 });
    expect(uploads[0].orderKey).toMatchObject({ order_number_type: 2, transaction_id: order.transactionId });
    expect(String(uploads[0].shippingList[0].item_desc)).toContain('本地小青菜 500g*2');
    const again = await w.leader('verify', { batchId: OPEN, code: a1.code }, 'oLEADER1');
    expect(again.data).toMatchObject({ alreadyPicked: true, pickedNow: 0, status: 'picked_up' });
    expect(
      w.t.running.cloud.openapi.shippingUploads(w.env).filter((u) => u.payer.openid === 'oRESIDENT1'),
    ).toHaveLength(1);
  });

  test('partial pickup per line, then the rest', async () => {
    const part = await w.leader(
      'verify',
      { batchId: OPEN, code: a2.code, lines: [{ batchItemId: ITEM.qingcai, qty: 1 }] },
      'oLEADER1',
    );
    expect(part.data).toMatchObject({ status: 'arrived', pickedNow: 1, nickname: 'Alice' });
    expect(
      (
        await w.leader(
          'verify',
          { batchId: OPEN, code: a2.code, lines: [{ batchItemId: ITEM.qingcai, qty: 2 }] },
          'oLEADER1',
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await w.leader(
          'verify',
          { batchId: OPEN, code: a2.code, lines: [{ batchItemId: ITEM.egg, qty: 1 }] },
          'oLEADER1',
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect(w.t.running.cloud.openapi.shippingUploads(w.env).filter((u) => u.payer.openid === 'oCL1')).toHaveLength(0);
    const rest = await w.leader('verify', { batchId: OPEN, code: a2.code }, 'oLEADER1');
    expect(rest.data).toMatchObject({ status: 'picked_up', pickedNow: 1, shipping: { status: 'uploaded' } });
    expect(w.t.running.cloud.openapi.shippingUploads(w.env).filter((u) => u.payer.openid === 'oCL1')).toHaveLength(1);
    const list = await w.leader('checklist', { batchId: OPEN, search: '1234' }, 'oLEADER1');
    expect(list.data.r[0].o.map((o: any) => o.s)).toEqual(['picked_up', 'arrived']);
    expect(list.data.r[0].d).toBe(0);
  });

  test('the admin sees leaders with their performance', async () => {
    const res = await w.admin('leaders.list', { page: 1, pageSize: 50, batchId: OPEN });
    expect(res.ok).toBe(true);
    const wang = res.data.items.find((l: any) => l._id === 'leader-wang');
    expect(wang).toMatchObject({ pointName: '阳光花园3栋门口', pointActive: true, orders: 3, pickedUp: 2 });
    expect(wang.salesFen).toBe(a1.totalFen + a2.totalFen + a3.totalFen);
    const li = res.data.items.find((l: any) => l._id === 'leader-li');
    expect(li).toMatchObject({ orders: 1, pickedUp: 0, salesFen: b1.totalFen });
  });
});

describe('training materials', () => {
  test('admins publish, leaders read newest first, residents cannot', async () => {
    expect((await w.admin('training.publish', { title: '', body: 'x' })).code).toBe('INVALID_INPUT');
    expect((await w.admin('training.publish', { title: 't', body: 'x', url: 'not a url' })).code).toBe('INVALID_INPUT');
    await w.admin('training.publish', { title: '如何确认到货', body: '收货时逐项清点……' });
    await w.admin('training.publish', {
      title: '核销取货',
      body: '扫描居民的取货码',
      url: 'https://example.com/v.mp4',
    });
    const res = await w.leader('training', {}, 'oLEADER2');
    expect(res.data.items.map((t: any) => t.title)).toEqual(['核销取货', '如何确认到货']);
    expect(res.data.items[0].url).toBe('https://example.com/v.mp4');
    expect((await w.leader('training', {}, 'oRESIDENT1')).code).toBe('FORBIDDEN');
  });
});

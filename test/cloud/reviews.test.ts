import { LEADER1, NOT_ADMINS, RES1, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * 评价 (issue 13.6): after pickup a resident rates each item and the leader's
 * service once; the item page shows the product's average and newest reviews;
 * an admin hides a review with a reason; bad reviews are counted for the console.
 */
jest.setTimeout(120_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('reviews-env');
}, 60_000);
afterAll(() => w?.stop());

const review = (orderId: string, body: Record<string, unknown>, openid = RES1) =>
  w.call('order', { action: 'review', orderId, ...body }, openid);

/** An order of RES1 at 阳光 the leader has verified (picked up), through the real leader function. */
async function pickedUp(lines: Array<{ batchItemId: string; qty: number }>) {
  const order = await w.arrivedOrder(RES1, OPEN, lines);
  const { pickupCode } = (await w.call('order', { action: 'detail', orderId: order._id }, RES1)).data;
  const verified = await w.call('leader', { action: 'verify', batchId: OPEN, code: pickupCode }, LEADER1);
  expect(verified.data).toMatchObject({ status: 'picked_up' });
  return order;
}

const photo = (cloudPath: string) => w.t.running.cloud.storage.write(w.env, cloudPath, Buffer.from('png'));

const itemPage = async (batchItemId: string) =>
  (await w.call('catalog', { action: 'item', batchItemId }, 'oSOMEONE')).data.reviews;

test('a picked-up order is reviewed once: each item and the service; the item page shows the average and the review', async () => {
  const order = await pickedUp([
    { batchItemId: ITEM.qingcai, qty: 1 },
    { batchItemId: ITEM.pork, qty: 1 },
  ]);
  // Two photos as wx.cloud.uploadFile leaves them; WeChat's media check will find the second risky.
  const leaf = photo(`reviews/${order._id}/leaf.png`);
  const risky = photo(`reviews/${order._id}/risky.png`);
  expect((await w.call('order', { action: 'reviews', orderId: order._id }, RES1)).data).toEqual({
    canReview: true,
    goods: [],
  });
  const res = await review(order._id, {
    goods: [
      { batchItemId: ITEM.pork, stars: 4, text: '肉很新鲜' },
      { batchItemId: ITEM.qingcai, stars: 5, text: '青菜水灵', photos: [leaf, risky] },
    ],
    service: { stars: 5, text: '王阿姨很热情' },
  });
  expect(res.ok).toBe(true);
  // In the order's line order, the author shown as 张** (nickname 张三), never the openid.
  expect(res.data.canReview).toBe(false);
  expect(res.data.goods.map((g: any) => [g.title, g.stars, g.text, g.author])).toEqual([
    ['本地小青菜 500g', 5, '青菜水灵', '张**'],
    ['精品五花肉 500g', 4, '肉很新鲜', '张**'],
  ]);
  expect(res.data.service).toMatchObject({ kind: 'service', stars: 5, text: '王阿姨很热情' });
  expect(JSON.stringify(res.data)).not.toContain(RES1);

  // Until WeChat's verdicts arrive no photo is shown, to anybody.
  const block = await itemPage(ITEM.qingcai);
  expect(block).toMatchObject({ count: 1, average: 5 });
  expect(block.recent[0]).toMatchObject({ text: '青菜水灵', photos: [], author: '张**' });
  expect(res.data.goods[0].photos).toEqual([]);
  const checks = w.t.running.cloud.openapi.mediaChecks(w.env);
  expect(checks.map((c) => [c.openid, c.mediaType, c.scene, c.suggest])).toEqual([
    [RES1, 2, 2, 'pass'],
    [RES1, 2, 2, 'risky'],
  ]);
  const pending = (await w.ok('reviews.list', {})).items.find((r: any) => r.text === '青菜水灵');
  expect([pending.photos, pending.photosPending, pending.photosRefused]).toEqual([[], 2, 0]);

  // The wxa_media_check pushes reach the order function: the passed photo shows, the risky one never.
  expect(await w.t.running.cloud.openapi.deliverMediaChecks(w.env)).toBe(2);
  expect(checks.map((c) => c.pushResult)).toEqual(['success', 'success']);
  expect((await itemPage(ITEM.qingcai)).recent[0].photos).toEqual([leaf]);
  const settled = (await w.ok('reviews.list', {})).items.find((r: any) => r.text === '青菜水灵');
  expect([settled.photos, settled.photosPending, settled.photosRefused]).toEqual([[leaf], 0, 1]);

  // A second submit, even of other lines, stores nothing more.
  const again = await review(order._id, { goods: [{ batchItemId: ITEM.qingcai, stars: 1, text: '' }] });
  expect([again.code, again.message]).toEqual(['INVALID_STATE', '已评价过']);
  expect(await w.find('reviews', { orderId: order._id })).toHaveLength(3);
  expect((await itemPage(ITEM.qingcai)).average).toBe(5);
});

test('two phones submitting the same review at once store it once', async () => {
  const order = await pickedUp([{ batchItemId: ITEM.rice, qty: 1 }]);
  const body = { goods: [{ batchItemId: ITEM.rice, stars: 2, text: '米有点碎' }] };
  const answers = await Promise.all([1, 2, 3, 4].map(() => review(order._id, body)));
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(['INVALID_STATE', 'INVALID_STATE', 'INVALID_STATE']);
  expect(await w.find('reviews', { orderId: order._id })).toHaveLength(1);
});

test('the average is over every visible review to one decimal; the list pages newest first', async () => {
  for (const stars of [4, 3]) {
    const order = await pickedUp([{ batchItemId: ITEM.qingcai, qty: 1 }]);
    w.advance(60_000);
    expect((await review(order._id, { goods: [{ batchItemId: ITEM.qingcai, stars, text: `第${stars}` }] })).ok).toBe(
      true,
    );
  }
  // 5, 4, 3 → 4.0
  expect(await itemPage(ITEM.qingcai)).toMatchObject({ count: 3, average: 4 });
  const first = (await w.call('catalog', { action: 'reviews', productId: 'p-qingcai', pageSize: 2 }, 'oSOMEONE')).data;
  expect(first.items.map((r: any) => r.stars)).toEqual([3, 4]);
  expect(first.hasMore).toBe(true);
  const second = (
    await w.call('catalog', { action: 'reviews', productId: 'p-qingcai', page: 2, pageSize: 2 }, 'oSOMEONE')
  ).data;
  expect([second.items.map((r: any) => r.stars), second.hasMore]).toEqual([[5], false]);
});

test('bad input, someone else’s order, an order not picked up and risky text: a clear code, nothing stored', async () => {
  const picked = await pickedUp([{ batchItemId: ITEM.egg, qty: 1 }]);
  const arrived = await w.arrivedOrder(RES1, OPEN, [{ batchItemId: ITEM.egg, qty: 1 }]);
  const before = await w.dump('reviews');
  const good = { batchItemId: ITEM.egg, stars: 5, text: '好' };
  const cases: Array<[string, string, Record<string, unknown>, string?]> = [
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, stars: 0 }] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, stars: 6 }] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, stars: 4.5 }] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, text: '好'.repeat(201) }] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, photos: Array(7).fill('cloud://env/a.jpg') }] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, photos: ['http://example.com/a.jpg'] }] }],
    ['INVALID_INPUT', picked._id, { goods: [good, good] }],
    ['INVALID_INPUT', picked._id, { goods: [] }],
    ['INVALID_INPUT', picked._id, { goods: [{ ...good, batchItemId: ITEM.grape }] }],
    ['CONTENT_RISKY', picked._id, { goods: [{ ...good, text: '加微信代开发票' }] }],
    ['CONTENT_RISKY', picked._id, { goods: [good], service: { stars: 5, text: '赌博' } }],
    ['INVALID_STATE', arrived._id, { goods: [good] }],
    ['NOT_FOUND', picked._id, { goods: [good] }, 'oRESIDENT2'],
    ['UNAUTHENTICATED', picked._id, { goods: [good] }, ''],
  ];
  for (const [code, orderId, body, as] of cases) {
    const res = await (as === ''
      ? w.call('order', { action: 'review', orderId, ...body }, undefined)
      : review(orderId, body, as ?? RES1));
    expect([JSON.stringify(body).slice(0, 60), res.code]).toEqual([JSON.stringify(body).slice(0, 60), code]);
  }
  expect(await w.dump('reviews')).toBe(before);
  expect((await w.call('order', { action: 'reviews', orderId: picked._id }, 'oRESIDENT2')).code).toBe('NOT_FOUND');
});

test('a wxa_media_check push sent by a client is an unknown action: no photo is passed by it', async () => {
  const order = await pickedUp([{ batchItemId: ITEM.pork, qty: 1 }]);
  const pic = photo(`reviews/${order._id}/meat.png`);
  expect((await review(order._id, { goods: [{ batchItemId: ITEM.pork, stars: 5, text: '', photos: [pic] }] })).ok).toBe(
    true,
  );
  const [check] = w.t.running.cloud.openapi.mediaChecks(w.env).filter((c) => c.pushedAt === undefined);
  const before = await w.dump('reviews');
  const fake = {
    MsgType: 'event',
    Event: 'wxa_media_check',
    trace_id: check.traceId,
    result: { suggest: 'pass', label: 100 },
  };
  for (const as of [RES1, undefined]) expect((await w.call('order', fake, as)).code).toBe('UNKNOWN_ACTION');
  expect(await w.dump('reviews')).toBe(before);
  // The real push, twice (WeChat retries): shown once, nothing else moves.
  await w.t.running.cloud.openapi.deliverMediaChecks(w.env);
  const after = await w.dump('reviews');
  await w.t.running.cloud.functions.invoke(
    w.env,
    'order',
    { ...fake, ToUserName: 'gh', CreateTime: 1 },
    { source: 'wx_msgpush' },
  );
  expect(await w.dump('reviews')).toBe(after);
  const mine = await w.call('order', { action: 'reviews', orderId: order._id }, RES1);
  expect(mine.data.goods[0].photos).toEqual([pic]);
});

test('服务评分: a leader reads the ratings of their own service, no other leader’s, and only as a leader', async () => {
  const mine = (await w.call('leader', { action: 'reviews' }, LEADER1)).data;
  // The first test's 5 stars for 王阿姨; no other service reviews at 阳光.
  expect([mine.count, mine.average, mine.items.map((r: any) => [r.kind, r.stars, r.text, r.author])]).toEqual([
    1,
    5,
    [['service', 5, '王阿姨很热情', '张**']],
  ]);
  expect(JSON.stringify(mine)).not.toContain(RES1);
  expect((await w.call('leader', { action: 'reviews' }, 'oLEADER2')).data).toMatchObject({
    count: 0,
    average: 0,
    items: [],
  });
  expect((await w.call('leader', { action: 'reviews' }, RES1)).code).toBe('FORBIDDEN');
  expect((await w.call('leader', { action: 'reviews', pageSize: 21 }, LEADER1)).code).toBe('INVALID_INPUT');
});

describe('the console', () => {
  test('a bad review is counted until read; hiding it takes it off the item page and out of the average', async () => {
    const listed = await w.ok('reviews.list', { filter: 'bad' });
    const bad = listed.items.find((r: any) => r.text === '米有点碎');
    expect(bad).toMatchObject({ stars: 2, orderNo: expect.any(String), leaderId: 'leader-wang' });
    expect(listed.unreadBad).toBe(1);
    expect(listed.items.every((r: any) => r.stars <= 2)).toBe(true);

    expect(await w.ok('reviews.read', { ids: [bad._id] })).toEqual({ read: 1 });
    expect((await w.ok('reviews.list', {})).unreadBad).toBe(0);

    const worst = (await w.ok('reviews.list', {})).items.find((r: any) => r.text === '第3');
    const hidden = await w.ok('reviews.hide', { id: worst._id, reason: '与商品无关' });
    expect(hidden.hidden).toMatchObject({ reason: '与商品无关' });
    // 5 and 4 left.
    expect(await itemPage(ITEM.qingcai)).toMatchObject({ count: 2, average: 4.5 });
    expect((await itemPage(ITEM.qingcai)).recent.map((r: any) => r.text)).not.toContain('第3');
    expect((await w.admin('reviews.hide', { id: worst._id, reason: '再次' })).code).toBe('INVALID_STATE');
    expect((await w.ok('reviews.list', { filter: 'hidden' })).items.map((r: any) => r._id)).toEqual([worst._id]);

    await w.ok('reviews.show', { id: worst._id });
    expect(await itemPage(ITEM.qingcai)).toMatchObject({ count: 3, average: 4 });
  });

  test('bad input changes nothing; residents, leaders and strangers are refused', async () => {
    const before = await w.dump('reviews');
    const any = (await w.ok('reviews.list', {})).items[0];
    expect((await w.admin('reviews.hide', { id: any._id, reason: '' })).code).toBe('INVALID_INPUT');
    expect((await w.admin('reviews.hide', { id: 'nope', reason: '广告' })).code).toBe('NOT_FOUND');
    expect((await w.admin('reviews.list', { filter: 'worst' })).code).toBe('INVALID_INPUT');
    expect((await w.admin('reviews.read', { ids: [] })).code).toBe('INVALID_INPUT');
    for (const [, who, code] of NOT_ADMINS) {
      expect((await w.admin('reviews.hide', { id: any._id, reason: '广告' }, who)).code).toBe(code);
      expect((await w.admin('reviews.list', {}, who)).code).toBe(code);
    }
    expect(await w.dump('reviews')).toBe(before);
  });
});

import { ITEM, startShop, type Shop } from './shop';

// wxacode.getUnlimited renders a PNG in the local cloud (~1-3 s each).
jest.setTimeout(30_000);

let shop: Shop;
beforeAll(async () => {
  shop = await startShop('poster-env');
}, 60_000);
afterAll(() => shop?.stop());

const codeCalls = () =>
  shop.t.running.cloud.openapi.calls('poster-env').filter((c) => c.api === 'wxacode.getUnlimited');
const poster = (batchItemId: unknown, openid?: string) =>
  shop.call('catalog', { action: 'posterCode', batchItemId }, openid);

test('bad input, a stranger and an unknown item are refused, and WeChat is not asked', async () => {
  const bad = await poster('', 'oRESIDENT1');
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(bad.message).toContain('商品');
  expect((await poster(42, 'oRESIDENT1')).code).toBe('INVALID_INPUT');
  expect((await poster(ITEM.egg)).code).toBe('UNAUTHENTICATED');
  expect((await poster('batch-today-nope', 'oRESIDENT1')).code).toBe('NOT_FOUND');
  // Registered but bound to no point: no leader to put on the poster.
  const unbound = await poster(ITEM.egg, 'oRESIDENT3');
  expect(unbound).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '请先选择自提点' });
  expect(codeCalls()).toHaveLength(0);
  expect(await shop.find('posterCodes').catch(() => [])).toEqual([]);
});

test("a resident's poster carries their own leader's code for the item page, made once per scene", async () => {
  const first = await poster(ITEM.egg, 'oRESIDENT1');
  expect(first.ok).toBe(true);
  expect(first.data).toMatchObject({
    scene: expect.stringMatching(/^l=leader-wang&g=[0-9a-f]{8}$/),
    fileID: expect.stringMatching(/^cloud:\/\/.+\.png$/),
    url: expect.stringMatching(/^https?:\/\//),
    leaderId: 'leader-wang',
    leaderName: '王阿姨',
    pointName: '阳光花园3栋门口',
    pointAddress: '上海市浦东新区锦绣路1500弄阳光花园3栋',
  });
  expect(first.data.scene.length).toBeLessThanOrEqual(32);
  expect(codeCalls()).toHaveLength(1);

  // The leader themself and a second resident poster of the same item: the stored code, WeChat not asked again.
  const again = await poster(ITEM.egg, 'oLEADER1');
  expect(again.data.fileID).toBe(first.data.fileID);
  expect(again.data.scene).toBe(first.data.scene);
  expect(codeCalls()).toHaveLength(1);

  const sdk = require('wx-server-sdk');
  const file = await sdk.downloadFile({ fileID: first.data.fileID });
  expect(file.fileContent.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));

  // Another item, and another leader's resident: codes of their own.
  const pork = await poster(ITEM.pork, 'oRESIDENT1');
  const other = await poster(ITEM.egg, 'oRESIDENT2');
  expect(pork.data.scene).not.toBe(first.data.scene);
  expect(other.data).toMatchObject({ leaderId: 'leader-li', scene: expect.stringMatching(/^l=leader-li&g=/) });
  expect(new Set([first.data.fileID, pork.data.fileID, other.data.fileID]).size).toBe(3);
  expect(codeCalls()).toHaveLength(3);
});

test('the scanned scene opens the item and binds a first-time visitor to the leader', async () => {
  const { data } = await poster(ITEM.pork, 'oRESIDENT1');
  const scanned = encodeURIComponent(data.scene); // as WeChat hands it to the page
  const read = await shop.call('catalog', { action: 'posterScene', scene: scanned }, 'oSCANNER');
  expect(read).toEqual({ ok: true, data: { batchItemId: ITEM.pork, leaderId: 'leader-wang' } });
  expect((await shop.call('catalog', { action: 'posterScene', scene: data.scene }, 'oSCANNER')).data.batchItemId).toBe(
    ITEM.pork,
  );
  expect(
    (await shop.call('catalog', { action: 'posterScene', scene: 'l=leader-wang&g=00000000' }, 'oSCANNER')).code,
  ).toBe('NOT_FOUND');
  expect((await shop.call('catalog', { action: 'posterScene', scene: '' }, 'oSCANNER')).code).toBe('INVALID_INPUT');
  expect((await shop.call('catalog', { action: 'posterScene', scene: data.scene })).code).toBe('UNAUTHENTICATED');
  const me = await shop.call('user', { action: 'enter', scene: scanned }, 'oSCANNER');
  expect(me.data.pickupPoint._id).toBe('pp-sunshine');
  expect(me.data.referrerLeaderId).toBe('leader-wang');
});

import { startShop, type Shop } from './shop';

let shop: Shop;
beforeAll(async () => {
  shop = await startShop('user-env');
});
afterAll(() => shop.stop());

const user = (data: Record<string, unknown>, openid?: string) => shop.call('user', data, openid);

test('me: roles and pickup point from the database', async () => {
  const res = await user({ action: 'me' }, 'oRESIDENT1');
  expect(res.ok).toBe(true);
  expect(res.data).toMatchObject({
    openid: 'oRESIDENT1',
    roles: ['resident'],
    registered: true,
    referrerLeaderId: 'leader-wang',
  });
  expect(res.data.pickupPoint).toMatchObject({
    _id: 'pp-sunshine',
    name: '阳光花园3栋门口',
    location: [121.5446, 31.2107],
  });
  expect(res.data.leader).toBeUndefined();
  const leader = await user({ action: 'me' }, 'oLEADER1');
  expect(leader.data.roles).toEqual(['resident', 'leader']);
  expect(leader.data.leader).toMatchObject({ _id: 'leader-wang', pickupPointId: 'pp-sunshine' });
  const admin = await user({ action: 'me' }, 'oADMIN');
  expect(admin.data.roles).toEqual(['admin']);
});

test("me: the leader who runs the resident's point, with the avatar once the leader sets one", async () => {
  const before = await user({ action: 'me' }, 'oRESIDENT1');
  expect(before.data.pickupPoint._id).toBe('pp-sunshine');
  expect(before.data.pickupLeader).toEqual({ name: '王阿姨' });
  const avatar = 'cloud://user-env.7573-user-env/avatars/oLEADER1/1.jpg';
  expect((await user({ action: 'updateProfile', avatar }, 'oLEADER1')).ok).toBe(true);
  const after = await user({ action: 'me' }, 'oRESIDENT1');
  expect(after.data.pickupLeader).toEqual({ name: '王阿姨', avatar });
  // Moving to the other point shows that point's leader; no point, no leader.
  const moved = await user({ action: 'choosePickupPoint', pickupPointId: 'pp-cuiyuan' }, 'oNEW7');
  expect(moved.data.pickupLeader).toEqual({ name: '李师傅' });
  expect((await user({ action: 'me' }, 'oSTRANGER2')).data.pickupLeader).toBeUndefined();
});

test('a stranger is not registered until they enter', async () => {
  const res = await user({ action: 'me' }, 'oSTRANGER');
  expect(res.data).toMatchObject({ registered: false, roles: ['resident'], pickupPoint: null });
  expect(await shop.doc('users', 'oSTRANGER')).toBeUndefined();
});

test("first visit through a leader's share binds the leader's point; later shares never rebind", async () => {
  const first = await user({ action: 'enter', leaderId: 'leader-li' }, 'oNEW1');
  expect(first.data).toMatchObject({ registered: true, referrerLeaderId: 'leader-li' });
  expect(first.data.pickupPoint._id).toBe('pp-cuiyuan');
  const again = await user({ action: 'enter', leaderId: 'leader-wang' }, 'oNEW1');
  expect(again.data.pickupPoint._id).toBe('pp-cuiyuan');
  expect(again.data.referrerLeaderId).toBe('leader-li');
  expect(await shop.doc('users', 'oNEW1')).toMatchObject({
    roles: ['resident'],
    pickupPointId: 'pp-cuiyuan',
    referrerLeaderId: 'leader-li',
  });
});

test('a 小程序码 scene carries the leader (URL-encoded l=<leaderId>)', async () => {
  const res = await user({ action: 'enter', scene: encodeURIComponent('l=leader-wang') }, 'oNEW2');
  expect(res.data.pickupPoint._id).toBe('pp-sunshine');
  expect(res.data.referrerLeaderId).toBe('leader-wang');
});

test('an unbound resident is bound by the first share; a visit without a share only registers', async () => {
  const plain = await user({ action: 'enter' }, 'oNEW3');
  expect(plain.data).toMatchObject({ registered: true, pickupPoint: null });
  const unknown = await user({ action: 'enter', leaderId: 'leader-nobody' }, 'oNEW3');
  expect(unknown.data.pickupPoint).toBeNull();
  const bound = await user({ action: 'enter', leaderId: 'leader-wang' }, 'oRESIDENT3');
  expect(bound.data.pickupPoint._id).toBe('pp-sunshine');
});

test('parallel first visits create one user', async () => {
  const results = await Promise.all(
    ['leader-wang', 'leader-li', 'leader-wang', 'leader-li'].map((leaderId) =>
      user({ action: 'enter', leaderId }, 'oNEW4'),
    ),
  );
  expect(results.every((r) => r.ok)).toBe(true);
  const docs = await shop.find('users', { _id: 'oNEW4' });
  expect(docs).toHaveLength(1);
  // Whoever won, every answer agrees with the stored binding.
  expect(new Set(results.map((r) => r.data.pickupPoint._id))).toEqual(new Set([docs[0].pickupPointId]));
});

test('choosePickupPoint: active points only', async () => {
  const moved = await user({ action: 'choosePickupPoint', pickupPointId: 'pp-cuiyuan' }, 'oRESIDENT1');
  expect(moved.data.pickupPoint._id).toBe('pp-cuiyuan');
  expect((await shop.doc('users', 'oRESIDENT1')).referrerLeaderId).toBe('leader-wang');
  expect((await user({ action: 'choosePickupPoint', pickupPointId: 'pp-guihua' }, 'oRESIDENT1')).code).toBe(
    'NOT_FOUND',
  );
  expect((await user({ action: 'choosePickupPoint', pickupPointId: 'pp-nowhere' }, 'oRESIDENT1')).code).toBe(
    'NOT_FOUND',
  );
  expect((await user({ action: 'choosePickupPoint' }, 'oRESIDENT1')).code).toBe('INVALID_INPUT');
  expect((await user({ action: 'choosePickupPoint', pickupPointId: 7 }, 'oRESIDENT1')).code).toBe('INVALID_INPUT');
  expect((await shop.doc('users', 'oRESIDENT1')).pickupPointId).toBe('pp-cuiyuan');
  const fresh = await user({ action: 'choosePickupPoint', pickupPointId: 'pp-sunshine' }, 'oNEW5');
  expect(fresh.data).toMatchObject({ registered: true, pickupPoint: { _id: 'pp-sunshine' } });
});

test('pickupPoints lists the active points', async () => {
  const res = await user({ action: 'pickupPoints' }, 'oRESIDENT2');
  expect(res.data.map((p: any) => p._id).sort()).toEqual(['pp-cuiyuan', 'pp-sunshine']);
  expect(res.data[0]).toHaveProperty('hours');
});

test('bad input and strangers', async () => {
  expect((await user({ action: 'enter', scene: 'x'.repeat(33) }, 'oNEW6')).code).toBe('INVALID_INPUT');
  expect((await user({ action: 'enter', leaderId: '' }, 'oNEW6')).code).toBe('INVALID_INPUT');
  expect(await shop.doc('users', 'oNEW6')).toBeUndefined();
  for (const action of ['me', 'enter', 'pickupPoints']) {
    expect((await user({ action })).code).toBe('UNAUTHENTICATED');
  }
  expect((await user({ action: 'choosePickupPoint', pickupPointId: 'pp-sunshine' })).code).toBe('UNAUTHENTICATED');
});

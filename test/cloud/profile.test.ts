import { OPEN, ITEM } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

/** A resident's profile: 头像昵称填写 and 手机号快速验证, as the leader's checklist then shows them. */
let w: LeaderWorld;
beforeAll(async () => {
  w = await startLeaderWorld('profile-env');
}, 60_000);
afterAll(() => w.stop());

const user = (data: Record<string, unknown>, openid?: string) => w.call('user', data, openid);
const phoneCode = (openid: string, phone?: string) => w.t.running.cloud.openapi.issuePhoneCode(w.env, openid, phone);
const AVATAR = 'cloud://profile-env.7072-profile-env/avatars/oNEWBIE/1.jpg';

test('a new resident sets nickname, avatar and phone; the leader sees the name and phone tail and finds them by it', async () => {
  await user({ action: 'enter', leaderId: 'leader-wang' }, 'oNEWBIE');
  const named = await user({ action: 'updateProfile', nickname: '  小红  ', avatar: AVATAR }, 'oNEWBIE');
  expect(named.ok).toBe(true);
  expect(named.data).toMatchObject({ nickname: '小红', avatar: AVATAR });
  expect(named.data.phoneTail).toBeUndefined();

  const phoned = await user({ action: 'bindPhone', code: phoneCode('oNEWBIE', '13712345566') }, 'oNEWBIE');
  expect(phoned.data).toMatchObject({ nickname: '小红', phoneTail: '5566' });
  expect(JSON.stringify(phoned.data)).not.toContain('13712345566');
  expect(await w.doc('users', 'oNEWBIE')).toMatchObject({ nickname: '小红', avatar: AVATAR, phone: '13712345566' });

  const order = await w.paidOrder('oNEWBIE', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  const list = await w.leader('checklist', { batchId: OPEN }, 'oLEADER1');
  const mine = list.data.r.find((r: any) => r.o.some((o: any) => o.id === order._id));
  expect(mine).toMatchObject({ n: '小红', t: '5566' });
  const byTail = await w.leader('checklist', { batchId: OPEN, search: '5566' }, 'oLEADER1');
  expect(byTail.data.r.map((r: any) => r.n)).toEqual(['小红']);
});

test('the nickname alone, or the avatar alone, changes only that field', async () => {
  await user({ action: 'updateProfile', nickname: '张三丰' }, 'oRESIDENT1');
  const res = await user({ action: 'updateProfile', avatar: AVATAR }, 'oRESIDENT1');
  expect(res.data).toMatchObject({ nickname: '张三丰', avatar: AVATAR });
  // Someone who never entered gets a user record with the profile.
  const fresh = await user({ action: 'updateProfile', nickname: '路人甲' }, 'oFIRSTPROFILE');
  expect(fresh.data).toMatchObject({ registered: true, nickname: '路人甲' });
});

test('a risky nickname is CONTENT_RISKY and changes nothing', async () => {
  const before = await w.doc('users', 'oRESIDENT2');
  const res = await user({ action: 'updateProfile', nickname: '赌博代理', avatar: AVATAR }, 'oRESIDENT2');
  expect(res.code).toBe('CONTENT_RISKY');
  expect(await w.doc('users', 'oRESIDENT2')).toEqual(before);
});

test('bad input is INVALID_INPUT naming the field and stores nothing', async () => {
  const before = await w.doc('users', 'oRESIDENT2');
  for (const bad of [
    {},
    { nickname: '   ' },
    { nickname: '名'.repeat(21) },
    { avatar: 'https://evil.example/a.jpg' },
    { nickname: 7 },
  ]) {
    const res = await user({ action: 'updateProfile', ...bad }, 'oRESIDENT2');
    expect(res.code).toBe('INVALID_INPUT');
  }
  expect((await user({ action: 'updateProfile', avatar: 'x' }, 'oRESIDENT2')).message).toContain('头像');
  for (const bad of [{}, { code: '' }, { code: 'x'.repeat(129) }]) {
    expect((await user({ action: 'bindPhone', ...bad }, 'oRESIDENT2')).code).toBe('INVALID_INPUT');
  }
  expect(await w.doc('users', 'oRESIDENT2')).toEqual(before);
});

test('a phone code works once, only for its own user, and a stale one says to try again', async () => {
  const code = phoneCode('oRESIDENT2', '13655554444');
  const stolen = await user({ action: 'bindPhone', code }, 'oRESIDENT3');
  expect(stolen.code).toBe('INVALID_INPUT');
  expect(stolen.message).toContain('重新');
  expect((await w.doc('users', 'oRESIDENT3')).phone).toBeUndefined();
  expect((await user({ action: 'bindPhone', code }, 'oRESIDENT2')).data.phoneTail).toBe('4444');
  const again = await user({ action: 'bindPhone', code }, 'oRESIDENT2');
  expect(again.code).toBe('INVALID_INPUT');
  expect((await user({ action: 'bindPhone', code: 'made-up-code' }, 'oRESIDENT2')).code).toBe('INVALID_INPUT');
  expect((await w.doc('users', 'oRESIDENT2')).phone).toBe('13655554444');
});

test('a stranger (no WeChat identity) can do neither', async () => {
  expect((await user({ action: 'updateProfile', nickname: '陌生人' })).code).toBe('UNAUTHENTICATED');
  expect((await user({ action: 'bindPhone', code: phoneCode('oX') })).code).toBe('UNAUTHENTICATED');
  expect(await w.find('users', { nickname: '陌生人' })).toEqual([]);
});

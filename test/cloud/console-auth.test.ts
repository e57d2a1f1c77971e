import { startShop, type Shop } from './shop';

// In production the console signs in with CloudBase auth and calls the admin
// function as a web client: the platform passes the CloudBase uid (TCB_UUID),
// and the function finds the users doc an admin bound to it (users.consoleUid).
let w: Shop;
beforeAll(async () => {
  w = await startShop('console-auth-env');
  await w.db
    .collection('users')
    .doc('oADMIN')
    .update({ data: { consoleUid: 'cb-uid-admin' } });
}, 60_000);
afterAll(() => w?.stop());

async function asWebUser(uid: string | undefined, data: Record<string, unknown>) {
  const res = await fetch(`${w.t.running.url}/client/functions/admin?env=${w.t.env}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(uid ? { 'x-tcb-uuid': uid } : { 'x-wx-anonymous': '1' }) },
    body: JSON.stringify(data),
  });
  return res.json();
}

test('a CloudBase web user bound to an admin may use the console actions', async () => {
  const res = await asWebUser('cb-uid-admin', { action: 'categories.list' });
  expect(res.ok).toBe(true);
  expect(res.data.items ?? res.data).toEqual(expect.arrayContaining([expect.objectContaining({ name: '生鲜' })]));
});

test('an unbound web user is refused, and so is a call with no identity', async () => {
  expect(await asWebUser('cb-uid-stranger', { action: 'categories.list' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await asWebUser(undefined, { action: 'categories.list' })).toMatchObject({
    ok: false,
    code: 'UNAUTHENTICATED',
  });
});

test('a uid sent in the event is ignored: identity comes only from the platform', async () => {
  expect(
    await asWebUser(undefined, { action: 'categories.list', webUid: 'cb-uid-admin', consoleUid: 'cb-uid-admin' }),
  ).toMatchObject({
    ok: false,
  });
});

test('orders.refund checks the admin role like every console action (web users included)', async () => {
  const refund = {
    action: 'orders.refund',
    orderId: 'no-such-order',
    lines: [{ batchItemId: 'batch-today-pork', qty: 1 }],
    reason: '缺货',
    outRefundNo: 'console-auth-refund-1',
  };
  // Past the role check: the order is what is missing, not the caller's identity.
  expect(await asWebUser('cb-uid-admin', refund)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await asWebUser('cb-uid-stranger', refund)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await asWebUser(undefined, refund)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

test('a web user cannot run a timer job by sending a timer event', async () => {
  const res = await fetch(`${w.t.running.url}/client/functions/scheduler?env=${w.t.env}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tcb-uuid': 'cb-uid-admin' },
    body: JSON.stringify({ Type: 'Timer', TriggerName: 'everyMinute' }),
  });
  expect(await res.json()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

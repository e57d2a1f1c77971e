import path from 'node:path';
import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';
import { nextFireTime } from '../../emulator/src/functions/cron';

const env = 'fn-env';
let running: RunningCloud;

beforeAll(async () => {
  running = await startLocalCloud({ functionsDir: path.join(__dirname, 'fixtures/functions') });
  useLocalCloud({ url: running.url, env });
});
afterAll(() => running.stop());

async function gateway(name: string, data: unknown, openid?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${running.url}/client/functions/${name}?env=${env}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(openid ? { 'x-wx-openid': openid } : { 'x-wx-anonymous': '1' }),
    },
    body: JSON.stringify(data),
  });
  return { status: res.status, body: await res.json() };
}

test('the gateway runs a function as the mini-program would, with the caller in the WX context', async () => {
  const { status, body } = await gateway('echo', { hello: '团购' }, 'oRESIDENT1');
  expect(status).toBe(200);
  expect(body.event).toEqual({ hello: '团购' });
  expect(body.wx).toMatchObject({ OPENID: 'oRESIDENT1', APPID: 'wxlocalappid', ENV: env, SOURCE: 'wx_client' });
  expect(body.fn).toBe('echo');
});

test('a chained call keeps the OPENID and marks the source as scf', async () => {
  const { body } = await gateway('chain', { x: 7 }, 'oRESIDENT2');
  expect(body.mine.SOURCE).toBe('wx_client');
  expect(body.callee.event).toEqual({ from: 'chain', x: 7 });
  expect(body.callee.wx).toMatchObject({ OPENID: 'oRESIDENT2', SOURCE: 'wx_client,scf' });
});

test('the real SDK can call a function from outside any invocation (no OPENID)', async () => {
  const cloud = require('wx-server-sdk');
  cloud.init({ env });
  const res = await cloud.callFunction({ name: 'echo', data: { n: 1 } });
  expect(res.result.event).toEqual({ n: 1 });
  expect(res.result.wx.OPENID).toBeUndefined();
  expect(res.result.wx.SOURCE).toBe('wx_unknown,scf');
});

test('an instance runs one invocation at a time; parallel calls spread over instances', async () => {
  running.cloud.functions.maxInstances = 2;
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => gateway('echo', { i }, 'oX')));
  expect(results.map((r) => r.body.event.i)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(new Set(results.map((r) => r.body.pid)).size).toBeLessThanOrEqual(2);
});

test('config.json timeout ends the invocation with an error and the next call starts a fresh instance', async () => {
  const slow = await gateway('slow', { ms: 3000 });
  expect(slow.status).toBe(502);
  expect(slow.body.error).toMatch(/timed out after 1 seconds/);
  const fast = await gateway('slow', { ms: 10 });
  expect(fast.body).toEqual({ slept: 10 });
});

test('a function that throws answers FUNCTIONS_EXECUTE_FAIL and its log is kept', async () => {
  const { status, body } = await gateway('boom', {});
  expect(status).toBe(502);
  expect(body.error).toMatch(/FUNCTIONS_EXECUTE_FAIL: boom: kaboom/);
  await gateway('echo', { logged: true });
  const logs = running.cloud.functions.logs('echo');
  expect(logs.at(-1)?.logs.join('\n')).toContain('echo called {"logged":true}');
});

test('functions see the emulator clock, and timer triggers fire with the cloud event', async () => {
  const target = Date.parse('2026-12-01T12:00:00+08:00');
  running.cloud.clock.set(target);
  const { body } = await gateway('echo', {});
  expect(Math.abs(body.now - target)).toBeLessThan(2000);
  const fired = (await running.cloud.functions.fireTrigger(env, 'timerfn')) as any;
  expect(fired).toMatchObject({ type: 'Timer', trigger: 'every5min' });
  expect(Math.abs(Date.parse(fired.time) - target)).toBeLessThan(2000);
  running.cloud.clock.reset();
});

test('a function with two triggers is refused, as the cloud allows only one', async () => {
  const { status, body } = await gateway('twotimers', {});
  expect(status).toBe(502);
  expect(body.error).toMatch(/only one trigger per function/);
});

test('cron expressions use the seven WeChat fields in Asia/Shanghai', () => {
  const from = Date.parse('2026-12-01T21:59:30+08:00');
  expect(new Date(nextFireTime('0 0 22 * * * *', from)).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  expect(new Date(nextFireTime('0 */5 * * * * *', from)).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  expect(() => nextFireTime('0 0 22 * * *', from)).toThrow(/7 fields/);
  expect(new Date(nextFireTime('0 0 0 1 1 * 2028', from)).getUTCFullYear()).toBe(2027);
});

describe('the client gateway tells a developer what was wrong', () => {
  const post = async (
    name: string,
    body: string,
    headers: Record<string, string> = { 'x-wx-openid': 'oRESIDENT1' },
  ) => {
    const res = await fetch(`${running.url}/client/functions/${name}?env=${env}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as { error?: string } };
  };

  test('a body that is not JSON is a 400 that says so, not a stack trace', async () => {
    const { status, body } = await post('echo', '{"action": ');
    expect(status).toBe(400);
    expect(body.error).toMatch(/^the body must be a JSON object/);
    expect(body.error).not.toMatch(/at .*\.js:\d+/);
    expect((await post('echo', '[1,2]')).status).toBe(400);
  });

  test('an unknown function is a 404 that lists the functions there are', async () => {
    const { status, body } = await post('nope', '{}');
    expect(status).toBe(404);
    expect(body.error).toContain('no function named "nope"');
    expect(body.error).toContain('echo');
  });

  test('a call without X-WX-OPENID names the header; X-WX-ANONYMOUS calls with no user', async () => {
    const missing = await post('echo', '{}', {});
    expect(missing.status).toBe(401);
    expect(missing.body.error).toContain('X-WX-OPENID');
    const anonymous = await fetch(`${running.url}/client/functions/echo?env=${env}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-anonymous': '1' },
      body: '{}',
    });
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as { wx: { OPENID?: string } }).wx.OPENID || undefined).toBeUndefined();
  });
});

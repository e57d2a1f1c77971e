import path from 'node:path';
import { startLocalCloud, type LocalCloudOptions, type RunningCloud } from '../../emulator/src';
import { applySeed, readSeed, type SeedFile } from '../../emulator/src/seed';

/**
 * Cloud tests run the BUILT functions (dist/cloudfunctions, made by `npm test`'s
 * build step) in the local cloud, through the real wx-server-sdk, and call them
 * as the mini-program would: through the gateway with an openid.
 */
export const root = path.resolve(__dirname, '../..');

export interface CloudTest {
  running: RunningCloud;
  env: string;
  /** Calls a function as the user with this openid (undefined = no user, like a stranger outside WeChat). */
  call<T = any>(fn: string, data: Record<string, unknown>, openid?: string): Promise<T>;
  seed(data?: SeedFile): Promise<void>;
  stop(): Promise<void>;
}

export async function startCloudTest(env: string, options: LocalCloudOptions = {}): Promise<CloudTest> {
  const running = await startLocalCloud({ functionsDir: path.join(root, 'dist/cloudfunctions'), ...options });
  const t: CloudTest = {
    running,
    env,
    async call(fn, data, openid) {
      const res = await fetch(`${running.url}/client/functions/${fn}?env=${env}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(openid ? { 'x-wx-openid': openid } : { 'x-wx-anonymous': '1' }),
        },
        body: JSON.stringify(data),
      });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${fn} failed: ${JSON.stringify(body)}`);
      return body;
    },
    async seed(data) {
      await applySeed(running.cloud, env, data ?? readSeed(path.join(root, 'database/seed.json')));
    },
    stop: () => running.stop(),
  };
  return t;
}

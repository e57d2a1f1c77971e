import { startLocalCloud, useLocalCloud, type LocalCloudOptions, type RunningCloud } from '../../emulator/src';

export interface DbHarness {
  running: RunningCloud;
  /** The wx-server-sdk module, initialized for the env. */
  sdk: any;
  db: any;
  _: any;
}

/** Start a local cloud and point the real wx-server-sdk at it (one env per test file). */
export async function startDb(env: string, options: LocalCloudOptions = {}): Promise<DbHarness> {
  const running = await startLocalCloud({ indexesFile: false, ...options });
  useLocalCloud({ url: running.url, env });
  const sdk = require('wx-server-sdk');
  sdk.init({ env });
  const db = sdk.database();
  return { running, sdk, db, _: db.command };
}

/** The SDK's rejection, whatever shape it has, as {errCode, errMsg, code}. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

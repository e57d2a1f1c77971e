import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';

let running: RunningCloud;
beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: 'wiring-env' });
});
afterAll(() => running.stop());

test('the real SDK reaches the local cloud and gets its error envelope back', async () => {
  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'wiring-env' });
  await expect(
    cloud
      .database()
      .collection('x')
      .add({ data: { a: 1 } }),
  ).rejects.toMatchObject({
    errCode: -502005,
    errMsg: expect.stringContaining('collection not exists'),
  });
});

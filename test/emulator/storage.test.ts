import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';

const ENV = 'storage-env';
let running: RunningCloud;
let cloud: any;

beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: ENV });
  cloud = require('wx-server-sdk');
  cloud.init({ env: ENV });
});
afterAll(() => running.stop());
beforeEach(() => running.cloud.storage.reset());

test('uploadFile stores the bytes and answers the fileID', async () => {
  const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
  const res = await cloud.uploadFile({ cloudPath: 'goods/a.bin', fileContent: bytes });
  expect(res.fileID).toBe(`cloud://${ENV}.local-bucket/goods/a.bin`);
  expect(running.cloud.storage.read(ENV, 'goods/a.bin')).toEqual(bytes);
});

test('getTempFileURL gives a url that serves the same bytes, with maxAge echoed', async () => {
  const bytes = Buffer.from('小程序 apple ✓', 'utf8');
  const { fileID } = await cloud.uploadFile({ cloudPath: 'goods/苹果 1.txt', fileContent: bytes });
  const res = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
  expect(res.fileList).toHaveLength(1);
  const [item] = res.fileList;
  expect(item).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 600 });
  // The url is not percent-encoded (the SDK encodes it); fetch needs it encoded like the SDK does.
  expect(item.tempFileURL).toBe(`${running.url}/__cos/${ENV}.local-bucket/goods/苹果 1.txt`);
  const got = await fetch(encodeURI(item.tempFileURL));
  expect(got.status).toBe(200);
  expect(got.headers.get('content-type')).toBe('text/plain');
  expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
});

test('downloadFile answers the bytes', async () => {
  const bytes = Buffer.from('hello download');
  const { fileID } = await cloud.uploadFile({ cloudPath: 'docs/hello.txt', fileContent: bytes });
  const res = await cloud.downloadFile({ fileID });
  expect(Buffer.isBuffer(res.fileContent)).toBe(true);
  expect(res.fileContent).toEqual(bytes);
});

test('a missing file: getTempFileURL reports STORAGE_FILE_NONEXIST per file, downloadFile rejects', async () => {
  const fileID = `cloud://${ENV}.local-bucket/nope/missing.png`;
  const res = await cloud.getTempFileURL({ fileList: [fileID] });
  expect(res.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' });
  await expect(cloud.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
});

test('deleteFile removes files and reports missing ones per file', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'tmp/x.txt', fileContent: Buffer.from('x') });
  const missing = `cloud://${ENV}.local-bucket/tmp/never.txt`;
  const res = await cloud.deleteFile({ fileList: [fileID, missing] });
  expect(res.fileList).toEqual([
    { fileID, status: 0, errMsg: 'ok' },
    expect.objectContaining({ fileID: missing, status: -503003 }),
  ]);
  expect(running.cloud.storage.read(ENV, 'tmp/x.txt')).toBeUndefined();
  const after = await cloud.getTempFileURL({ fileList: [fileID] });
  expect(after.fileList[0].status).toBe(-503003);
});

test('invalid cloudPath is refused; a PUT without upload metadata is refused', async () => {
  await expect(cloud.uploadFile({ cloudPath: 'a//b.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
  const put = await fetch(`${running.url}/__cos/${ENV}.local-bucket/sneaky.txt`, { method: 'PUT', body: 'x' });
  expect(put.status).toBe(403);
  expect(running.cloud.storage.read(ENV, 'sneaky.txt')).toBeUndefined();
});

test('more than 50 files per getTempFileURL call is rejected', async () => {
  const list = Array.from({ length: 51 }, (_, i) => `cloud://${ENV}.local-bucket/f${i}`);
  await expect(cloud.getTempFileURL({ fileList: list })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
});

test('with a data folder the bytes persist across restarts', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-storage-'));
  try {
    const first = await startLocalCloud({ dataDir });
    first.cloud.storage.write(ENV, 'keep/me.txt', Buffer.from('persisted'));
    await first.stop();
    expect(fs.readFileSync(path.join(dataDir, 'storage', ENV, 'keep', 'me.txt'), 'utf8')).toBe('persisted');
    const second = await startLocalCloud({ dataDir });
    expect(second.cloud.storage.read(ENV, 'keep/me.txt')?.toString()).toBe('persisted');
    expect(second.cloud.storage.list(ENV)).toEqual(['keep/me.txt']);
    await second.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

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

describe('the browser upload route (the console in local mode)', () => {
  // A real 1×1 PNG.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = (cloudPath: string, body: Buffer, type: string, openid: string | null = 'oADMIN') =>
    fetch(`${running.url}/client/storage/upload?env=${ENV}&cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: new Uint8Array(body),
    });

  test('a picture is stored where the functions SDK reads it: getTempFileURL serves it, downloadFile answers it', async () => {
    const res = await upload('products/2026/tomato.png', PNG, 'image/png');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toBe(`cloud://${ENV}.local-bucket/products/2026/tomato.png`);
    const urls = await cloud.getTempFileURL({ fileList: [fileID] });
    expect(urls.fileList[0]).toMatchObject({ fileID, status: 0 });
    const got = await fetch(encodeURI(urls.fileList[0].tempFileURL));
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
    expect((await cloud.downloadFile({ fileID })).fileContent).toEqual(PNG);
  });

  test.each([
    ['a GIF', 'products/a.gif', Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/gif', 415, 'UNSUPPORTED_IMAGE'],
    [
      'a text file claiming to be a PNG',
      'products/a.png',
      Buffer.from('not a picture'),
      'image/png',
      415,
      'UNSUPPORTED_IMAGE',
    ],
    [
      'a PNG over 2 MB',
      'products/big.png',
      Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]),
      'image/png',
      413,
      'IMAGE_TOO_LARGE',
    ],
    ['an empty file', 'products/e.png', Buffer.alloc(0), 'image/png', 400, 'EMPTY_IMAGE'],
    ['a PNG named .jpg', 'products/a.jpg', PNG, 'image/png', 400, 'INVALID_PARAM'],
    ['a bad cloudPath', 'products//a.png', PNG, 'image/png', 400, 'INVALID_PARAM'],
  ])('%s is refused with a clear code and nothing is stored', async (_what, cloudPath, body, type, status, code) => {
    const res = await upload(cloudPath, body, type);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { code: string; message: string };
    expect(answer.code).toBe(code);
    expect(answer.message).toMatch(/[\u4e00-\u9fa5]|cloudPath/);
    expect(running.cloud.storage.list(ENV)).toEqual([]);
  });

  test('an anonymous caller may not upload', async () => {
    const res = await upload('products/anon.png', PNG, 'image/png', null);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    expect(running.cloud.storage.list(ENV)).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// `npm start` checks its ports before building anything: each conflict is one line saying what to do.
const root = path.resolve(__dirname, '../..');
let dataDir: string;
let held: net.Server;
let heldPort: number;

function listen(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function freePort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((r) => server.close(r));
  return port;
}

function start(env: Record<string, string>) {
  const began = Date.now();
  const result = spawnSync(process.execPath, ['scripts/start.js'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOCALCLOUD_DATA: dataDir, ...env },
    timeout: 20000,
  });
  return { ...result, ms: Date.now() - began, lines: result.stderr.trim().split('\n') };
}

/** The port a message tells the user to use instead, which must really be free. */
async function expectFreeSuggestion(line: string, name: string) {
  const suggested = Number(new RegExp(`run ${name}=(\\d+) npm start`).exec(line)?.[1]);
  expect(suggested).not.toBe(heldPort);
  const server = await listen(suggested);
  await new Promise((r) => server.close(r));
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  held = await listen();
  heldPort = portOf(held);
});

afterEach(async () => {
  await new Promise((r) => held.close(r));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function expectStoppedBeforeBuilding(result: ReturnType<typeof start>) {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe(''); // the builds print "built <fn>" and the local cloud its URL
  expect(result.lines).toHaveLength(1);
  expect(fs.readdirSync(dataDir)).toEqual([]); // a start that got past the checks leaves its pid file here
  expect(result.ms).toBeLessThan(10000);
}

test('a busy gateway port: one line with the port and a free PORT to use, exit 1, nothing built', async () => {
  const result = start({ PORT: String(heldPort) });
  expectStoppedBeforeBuilding(result);
  expect(result.lines[0]).toMatch(
    new RegExp(
      `^端口 ${heldPort} 已被占用 port ${heldPort} is busy \\(another npm start\\?\\): stop it or run PORT=\\d+ npm start$`,
    ),
  );
  await expectFreeSuggestion(result.lines[0], 'PORT');
});

test('a busy console port: one line naming CONSOLE_PORT and a free one to use, exit 1, nothing built', async () => {
  const result = start({ PORT: String(await freePort()), CONSOLE_PORT: String(heldPort) });
  expectStoppedBeforeBuilding(result);
  expect(result.lines[0]).toMatch(
    new RegExp(
      `^端口 ${heldPort} 已被占用 port ${heldPort} is busy \\(the console's port\\): stop it or run CONSOLE_PORT=\\d+ npm start$`,
    ),
  );
  await expectFreeSuggestion(result.lines[0], 'CONSOLE_PORT');
});

test('the default console port is the one after PORT', async () => {
  let gateway = await freePort();
  let next: net.Server | undefined;
  while (!next) next = await listen(gateway + 1).catch(async () => void (gateway = await freePort()));
  const result = start({ PORT: String(gateway) });
  await new Promise((r) => next.close(r));
  expectStoppedBeforeBuilding(result);
  expect(result.lines[0]).toContain(`port ${gateway + 1} is busy (the console's port)`);
});

test('a second npm start on the same data folder: one line with the running pid, exit 1, nothing built', async () => {
  // What a running `npm start` leaves in its data folder: its pid (here this live jest worker's).
  fs.writeFileSync(path.join(dataDir, 'npm-start.pid'), String(process.pid));
  const result = start({ PORT: String(await freePort()) });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.lines).toEqual([
    expect.stringMatching(
      new RegExp(
        `^npm start 已在运行 is already running \\(pid ${process.pid}, data .*\\): stop it \\(Ctrl-C\\), or run a second one with its own data and ports: LOCALCLOUD_DATA=\\S+ PORT=\\d+ npm start$`,
      ),
    ),
  ]);
  expect(fs.readFileSync(path.join(dataDir, 'npm-start.pid'), 'utf8')).toBe(String(process.pid));
});

test('a pid file left by a start that is gone does not block, and a bad PORT is named', async () => {
  fs.writeFileSync(path.join(dataDir, 'npm-start.pid'), '999999999');
  const result = start({ PORT: String(heldPort) });
  expect(result.status).toBe(1);
  expect(result.lines).toEqual([expect.stringContaining(`port ${heldPort} is busy (another npm start?)`)]);
  expect(start({ PORT: '87a' }).lines).toEqual(['PORT=87a 不是端口 is not a port: use 1-65535']);
});

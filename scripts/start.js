#!/usr/bin/env node
// `npm start`: the main job. Checks its ports, builds the cloud functions and
// (when its sources changed) the web console, starts the local cloud with
// persistence and the demo seed (on a fresh data folder, a fortnight of history
// played through the functions), runs timer triggers, completes refunds after
// LOCALCLOUD_REFUND_DELAY_MS (3000), serves the console and prints where
// everything is. Ctrl-C stops it.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = process.env.LOCALCLOUD_ENV || 'local-env';
const dataDir = process.env.LOCALCLOUD_DATA || '.localcloud';
const lockFile = path.resolve(root, dataDir, 'npm-start.pid');
const consoleDir = path.join(root, 'console');

/** Prints one line saying what to do, and stops. */
function fail(line) {
  console.error(line);
  process.exit(1);
}

function portFrom(name, fallback) {
  const text = process.env[name] || String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) fail(`${name}=${text} 不是端口 is not a port: use 1-65535`);
  return port;
}

/** null when 127.0.0.1:port can be listened on, else the error code (EADDRINUSE, EACCES). */
function portProblem(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (err) => resolve(err.code || err.message));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(null)));
  });
}

/** The first free port from `from` (and `from + 1` too when `pair`), for the advice in a message. */
async function freePort(from, pair, skip) {
  for (let p = from; p < from + 200 && p < 65535; p += 1) {
    if (p === skip || (pair && p + 1 === skip)) continue;
    if ((await portProblem(p)) === null && (!pair || (await portProblem(p + 1)) === null)) return p;
  }
  return from;
}

/** The pid of another `npm start` using the same data folder, if it still runs. */
function runningStart() {
  let pid;
  try {
    pid = Number(fs.readFileSync(lockFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return err.code === 'EPERM' ? pid : undefined;
  }
}

async function checkPorts(port, consolePort) {
  const pid = runningStart();
  if (pid) {
    const other = await freePort(Math.max(9000, port + 2), true, port);
    fail(
      `npm start 已在运行 is already running (pid ${pid}, data ${dataDir}/): stop it (Ctrl-C), or run a second one with its own data and ports: LOCALCLOUD_DATA=.localcloud-2 PORT=${other} npm start`,
    );
  }
  const gateway = await portProblem(port);
  if (gateway) {
    const other = await freePort(Math.max(9000, port + 2), true, port);
    fail(`${busy(port, gateway, 'another npm start?')}: stop it or run PORT=${other} npm start`);
  }
  if (consolePort === port) fail(`CONSOLE_PORT=${consolePort} 与 PORT 相同 is the gateway's port: pick another one`);
  const web = await portProblem(consolePort);
  if (web) {
    const other = await freePort(consolePort + 1, false, port);
    fail(`${busy(consolePort, web, "the console's port")}: stop it or run CONSOLE_PORT=${other} npm start`);
  }
}

function busy(port, code, hint) {
  return code === 'EADDRINUSE'
    ? `端口 ${port} 已被占用 port ${port} is busy (${hint})`
    : `端口 ${port} 不可用 port ${port} cannot be used (${code}; ${hint})`;
}

/** Newest modification time under a file or folder (folders count too: a deleted file changes its folder). */
function newest(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((name) => newest(path.join(p, name))));
}

/** The console is rebuilt whenever anything it is built from is newer than console/dist. */
function consoleIsStale() {
  const built = newest(path.join(consoleDir, 'dist', 'index.html'));
  const sources = ['src', 'public', 'index.html', 'vite.config.mts', 'package.json', 'tsconfig.json']
    .map((p) => path.join(consoleDir, p))
    .concat([path.join(root, 'typings'), path.join(root, 'package-lock.json')]);
  return built === 0 || sources.some((p) => newest(p) > built);
}

function run(label, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${label} 失败 failed (see above)`);
}

async function main() {
  const port = portFrom('PORT', 8787);
  const consolePort = portFrom('CONSOLE_PORT', port + 1);
  await checkPorts(port, consolePort);

  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  fs.writeFileSync(lockFile, String(process.pid));
  process.on('exit', () => {
    if (fs.existsSync(lockFile) && fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.rmSync(lockFile);
  });

  run('build:functions', process.execPath, [path.join(__dirname, 'build-functions.js')]);
  if (consoleIsStale()) {
    console.log('building the console 构建管理后台 (npm run build -w console)…');
    // npm_execpath is the npm that runs `npm start`; `node scripts/start.js` alone uses the one on PATH.
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    run('npm run build -w console', npm[0], [...npm[1], 'run', 'build', '-w', 'console', '--', '--logLevel', 'warn']);
  }

  // Demo data with dates relative to now: today's batch cuts off tonight at 23:00
  // Shanghai. It is applied only to empty collections, so a restart keeps the data
  // in the data folder (delete it for a fresh demo day).
  const esbuild = require('esbuild');
  const seedScript = path.join(root, 'dist', 'seed.js');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'database', 'seed.ts')],
    bundle: true,
    platform: 'node',
    outfile: seedScript,
    logLevel: 'warning',
  });
  const seedFile = path.join(root, 'dist', 'seed.json');
  fs.writeFileSync(seedFile, spawnSync(process.execPath, [seedScript], { encoding: 'utf8' }).stdout);

  // A fresh data folder gets a lived-in demo: the past fortnight played through the
  // real functions (database/history.ts), once; later starts keep what is there.
  if (!fs.existsSync(path.resolve(root, dataDir, 'db'))) {
    console.log('首次启动：回放两周演示数据 first start: playing a fortnight of demo history…');
    const demoScript = path.join(root, 'dist', 'demo.js');
    esbuild.buildSync({
      entryPoints: [path.join(root, 'database', 'demo.ts')],
      bundle: true,
      platform: 'node',
      packages: 'external',
      outfile: demoScript,
      logLevel: 'warning',
    });
    run('demo history', process.execPath, [demoScript, '--data', dataDir, '--env', env]);
  }

  // Refunds complete by themselves after this delay, as WeChat Pay's refund notice would.
  const refundDelay = process.env.LOCALCLOUD_REFUND_DELAY_MS || '3000';
  const args = [
    path.join(root, 'emulator/bin/localcloud.js'),
    ...['--port', String(port), '--data', dataDir, '--env', env, '--timers', '--seed', seedFile],
    ...['--refund-delay', refundDelay],
    // Photo checks (security.mediaCheckAsync) answer by themselves too, as WeChat's wxa_media_check push would.
    ...['--media-check-delay', process.env.LOCALCLOUD_MEDIA_CHECK_DELAY_MS || '2000'],
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const match = /localcloud listening on (\S+)/.exec(text);
    if (!match) return;
    const url = match[1];
    require('../console/server')
      .serveConsole({ gateway: url, env, port: consolePort })
      .then((web) =>
        console.log(`
  本地云 local cloud     ${url}   (env: ${env}, data: ${dataDir}/)
  函数网关 gateway        POST ${url}/client/functions/<name>  header X-WX-OPENID: <openid>
  管理后台 console        ${web.url}   (演示管理员 demo admin: 登录页选「平台管理员」oADMIN; supplier: oSUPPLIER1)
  小程序 mini-program     open project.config.json in WeChat DevTools; set miniprogram/config.ts mode 'local'
  停止 stop               Ctrl-C
`),
      )
      .catch((err) => {
        console.error(`管理后台无法启动 console not served on port ${consolePort}: ${err.message}`);
        child.kill('SIGTERM');
        process.exitCode = 1;
      });
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(process.exitCode || (code ?? 0)));
}

main();

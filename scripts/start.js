#!/usr/bin/env node
// `npm start`: the main job. Builds the cloud functions, starts the local cloud
// with persistence in .localcloud/ and the demo seed, runs timer triggers, and
// prints where everything is. Ctrl-C stops it.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const port = process.env.PORT || '8787';
const env = process.env.LOCALCLOUD_ENV || 'local-env';

const build = spawnSync(process.execPath, [path.join(__dirname, 'build-functions.js')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// The web console: built once (npm run build -w console), then served as static files.
const consoleDist = path.join(root, 'console', 'dist', 'index.html');
if (!fs.existsSync(consoleDist)) {
  const vite = spawnSync(
    process.execPath,
    [require.resolve('vite/bin/vite.js', { paths: [path.join(root, 'console')] }), 'build'],
    {
      cwd: path.join(root, 'console'),
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) console.warn('console build failed: run `npm run build -w console`');
}

// Demo data with dates relative to now: today's batch cuts off tonight at 23:00
// Shanghai. It is applied only to empty collections, so a restart keeps the data
// in .localcloud/ (delete the folder for a fresh demo day).
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

const args = [
  path.join(root, 'emulator/bin/localcloud.js'),
  ...['--port', port, '--data', '.localcloud', '--env', env, '--timers', '--seed', seedFile],
];

const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  const match = /localcloud listening on (\S+)/.exec(text);
  if (match) {
    const url = match[1];
    const consolePort = Number(process.env.CONSOLE_PORT || Number(new URL(url).port) + 1);
    require('../console/server')
      .serveConsole({ gateway: url, env, port: consolePort })
      .then((web) =>
        console.log(
          `  管理后台 console        ${web.url}   (演示管理员 demo admin: 登录页选「平台管理员」oADMIN; supplier: oSUPPLIER1)\n`,
        ),
      )
      .catch((err) => console.warn(`console not served: ${err.message}`));
    console.log(`
  本地云 local cloud     ${url}   (env: ${env}, data: .localcloud/)
  函数网关 gateway        POST ${url}/client/functions/<name>  header X-WX-OPENID: <openid>
  小程序 mini-program     open project.config.json in WeChat DevTools; set miniprogram/config.ts mode 'local'
  停止 stop               Ctrl-C
`);
  }
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

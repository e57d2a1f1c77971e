/**
 * Cold start of each built function: a fresh Node process loads wx-server-sdk
 * (which every function pays for anyway), then the function's bundle; the
 * figure is the bundle's own load time on top of the SDK, median of RUNS
 * fresh processes. Prints one JSON line:
 *   {"runs":7,"sdkMs":…,"ownMs":{"admin":…,…},"maxOwnMs":…,"ownCpuMs":{"admin":…,…},"bytes":{"admin":…},"budgetMs":30,"withinBudget":true}
 * ownCpuMs is the CPU time of the same load: on a machine busy with other work the
 * wall-clock ownMs grows with the wait for a core, the CPU time much less.
 * Exits non-zero when a function's own load (ownMs) is over the budget.
 *
 *   npm run bench:coldstart
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sdkEnv } from '../emulator/src/sdk-env';

const RUNS = 7;
const BUDGET_MS = 30;
const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist/cloudfunctions');

const probe = (bundle: string) => `
const t0 = process.hrtime.bigint();
require('wx-server-sdk');
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage();
require(${JSON.stringify(bundle)});
const c2 = process.cpuUsage(c1);
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ sdk: Number(t1 - t0) / 1e6, own: Number(t2 - t1) / 1e6, cpu: (c2.user + c2.system) / 1e3 }));`;

// No request is made while loading: the URL is never called.
const runtime = sdkEnv({ url: 'http://127.0.0.1:9', env: 'bench' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

function main(): void {
  const names = fs.readdirSync(dist).filter((n) => fs.existsSync(path.join(dist, n, 'index.js')));
  const ownMs: Record<string, number> = {};
  const ownCpuMs: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  const sdk: number[] = [];
  for (const name of names) {
    const bundle = path.join(dist, name, 'index.js');
    bytes[name] = fs.statSync(bundle).size;
    const own: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // NODE_PATH: the bundle's only dependency, wx-server-sdk, from the project's node_modules.
      // The variables the cloud runtime sets (as the local cloud does): without them the SDK
      // takes itself for off-cloud and starts probing the metadata server at cloud.init.
      const out = execFileSync(process.execPath, ['-e', probe(bundle)], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ...runtime, NODE_PATH: path.join(root, 'node_modules') },
      });
      const r = JSON.parse(out) as { sdk: number; own: number; cpu: number };
      own.push(r.own);
      cpu.push(r.cpu);
      sdk.push(r.sdk);
    }
    ownMs[name] = round(median(own));
    ownCpuMs[name] = round(median(cpu));
  }
  const maxOwnMs = Math.max(...Object.values(ownMs));
  const withinBudget = maxOwnMs <= BUDGET_MS;
  console.log(
    JSON.stringify({
      runs: RUNS,
      sdkMs: round(median(sdk)),
      ownMs,
      maxOwnMs,
      ownCpuMs,
      bytes,
      budgetMs: BUDGET_MS,
      withinBudget,
    }),
  );
  if (!withinBudget) process.exitCode = 1;
}

main();

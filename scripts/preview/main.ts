/**
 * `npm run preview`: renders every page of the mini-program (app.json pages and
 * subpackages) with demo data and screenshots each in headless Chromium at
 * 375 wide (@2x), 812 tall or the whole page if longer → preview/<page-path-with-dashes>.png,
 * plus preview/index.html; Vant's icon font is served from preview/fonts/ (see writeIconFont).
 *
 * 1. A local cloud in this process runs the built functions (dist/cloudfunctions)
 *    over the demo seed (buildSeed(now)), plus a few demo orders.
 * 2. Each page renders in its own worker process (render.ts): miniprogram-simulate +
 *    the official wcc in jsdom, the app's real stores and transport in local mode.
 * 3. playwright-core + /usr/bin/chromium screenshots the HTML each worker wrote.
 *
 * options: --only <substring>[,<substring>...]   render only matching pages
 *          --out <dir>                           (default preview/)
 *          --concurrency <n>                     render workers at once (default: CPUs, at most 4)
 *          --verbose                             per-page phase timings and backend calls
 */
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type RunningCloud } from '../../emulator/src';
import { applySeed } from '../../emulator/src/seed';
import { buildSeed, OPEN_BATCH_ID } from '../../database/seed';
import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { ICON_FONT_FILE } from './frame';
import type { PageJob, RenderResult } from './render';
import type { PointsKind } from '../../typings/points';

const ROOT = path.resolve(__dirname, '../..');
const MP = path.join(ROOT, 'miniprogram');
const FUNCTIONS = path.join(ROOT, 'dist/cloudfunctions');
const RENDER_WORKER = path.join(__dirname, 'render.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ENV = 'preview-env';
const RESIDENT = 'oRESIDENT1';
const LEADER = 'oLEADER1';
const ADMIN = 'oADMIN';
const POINT = 'pp-sunshine';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const outDir = path.resolve(arg('out') ?? path.join(ROOT, 'preview'));
const verbose = process.argv.includes('--verbose');
const only = (arg('only') ?? '').split(',').filter(Boolean);
const concurrency = Math.max(1, Number(arg('concurrency') ?? Math.min(4, os.cpus().length)));

// ---- Vant's icon font ---------------------------------------------------------------------------

/** The iconfont.cn font name (font_<project>_<hash>) a stylesheet loads Vant's icons from. */
const fontName = (css: string, where: string) => {
  const name = /\/\/at\.alicdn\.com\/t\/c\/(font_\d+_[a-z0-9]+)\.woff2/.exec(css)?.[1];
  if (!name) throw new Error(`no Vant icon font URL in ${where}`);
  return name;
};

/**
 * Writes the icon font WeChat loads from Vant's CDN next to the pages: the same font, from the pinned
 * @vant/icons package (src/encode-woff2.less carries it as a woff2 data: URL). Refuses a font other
 * than the one @vant/weapp's icon stylesheet names, so glyphs can never silently differ.
 */
function writeIconFont(dir: string): void {
  const weappCss = path.join(MP, 'miniprogram_npm/@vant/weapp/icon/index.wxss');
  const iconsLess = require.resolve('@vant/icons/src/index.less');
  const wanted = fontName(fs.readFileSync(weappCss, 'utf8'), weappCss);
  const shipped = fontName(fs.readFileSync(iconsLess, 'utf8'), iconsLess);
  if (wanted !== shipped) {
    throw new Error(
      `@vant/weapp's icons use ${wanted}, the installed @vant/icons ships ${shipped}: pin the @vant/icons release that ships ${wanted}`,
    );
  }
  const encoded = fs.readFileSync(path.join(path.dirname(iconsLess), 'encode-woff2.less'), 'utf8');
  const base64 = /data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)/.exec(encoded)?.[1];
  if (!base64) throw new Error(`no woff2 data in ${path.join(path.dirname(iconsLess), 'encode-woff2.less')}`);
  const file = path.join(dir, ICON_FONT_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
}

// ---- pages ------------------------------------------------------------------------------------

/** Every page WeChat would register: app.json pages, then each subpackage's root + pages. */
function allPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(MP, 'app.json'), 'utf8'));
  const subs: Array<{ root: string; pages: string[] }> = [...(app.subpackages ?? []), ...(app.subPackages ?? [])];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))];
}

const fileName = (page: string) => `${page.replace(/\/index$/, '').replace(/\//g, '-')}`;

/** Pages whose useful state needs someone else than the default below. */
const OPENID_OVERRIDES: Array<[RegExp, string]> = [
  [/leader\/apply\//, RESIDENT], // the application form is for a resident who is not a leader yet
];

/** Leader pages (a path with "leader") run as 王阿姨 (oLEADER1); the rest as 张三 (oRESIDENT1). */
function openidFor(page: string): string {
  const override = OPENID_OVERRIDES.find(([pattern]) => pattern.test(page));
  if (override) return override[1];
  if (/(^|\/)admin(\/|$)/.test(page)) return ADMIN;
  return /leader/i.test(page) ? LEADER : RESIDENT;
}

interface Demo {
  itemId: string;
  /** A 拼团 a neighbour opened on the demo item (its page opens on it). */
  groupId: string;
  paidOrderId: string;
  pendingOrderId: string;
  cart: unknown[];
}

/**
 * The query a page reads (found in its source as query.x / options.x), filled
 * from the demo world. Attribution parameters (leaderId, scene) are left out:
 * the page opens as a returning user would open it.
 */
function queryFor(page: string, demo: Demo): Record<string, string> {
  const source = ['ts', 'js']
    .map((ext) => path.join(MP, `${page}.${ext}`))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))[0];
  if (!source) return {};
  const names = new Set([...source.matchAll(/\b(?:query|options|opts|q)\??\.([A-Za-z_]\w*)/g)].map((m) => m[1]));
  const isGoods = /goods|item|product/i.test(page);
  const values: Record<string, string> = {
    id: /goods\/group/.test(page) ? demo.groupId : isGoods ? demo.itemId : demo.paidOrderId,
    orderId: demo.paidOrderId,
    itemId: demo.itemId,
    batchItemId: demo.itemId,
    batchId: OPEN_BATCH_ID,
    pickupPointId: POINT,
  };
  return Object.fromEntries([...names].filter((n) => n in values).map((n) => [n, values[n]]));
}

// ---- demo world -------------------------------------------------------------------------------

/**
 * 张三's points as the ledger would hold them after a year of shopping (a pickup last year, this
 * year's pickups and a review, one order paid partly with points): 我的积分, 我的 and the checkout's
 * 积分抵扣 have figures to show. The balance is the entries' sum, as the functions keep it.
 */
function demoPoints(collections: Record<string, unknown[]>, now: Date) {
  const rows: Array<[string, PointsKind, number, number]> = [
    ['last-year', 'earn', 300, 400],
    ['spring', 'earn', 520, 200],
    ['summer', 'earn', 480, 90],
    ['review', 'review', 10, 88],
    ['spend', 'spend', -50, 20],
  ];
  const entries = rows.map(([key, kind, points, daysAgo]) => {
    const at = new Date(now.getTime() - daysAgo * 86_400_000);
    return { key, kind, points, at, day: businessDate(at) };
  });
  const credits: Record<string, number> = {};
  for (const e of entries.filter((x) => x.points > 0))
    credits[e.day.slice(0, 4)] = (credits[e.day.slice(0, 4)] ?? 0) + e.points;
  collections.pointsLedger = entries.map((e) => ({
    _id: `preview-points-${e.key}`,
    openid: RESIDENT,
    kind: e.kind,
    points: e.points,
    at: { $date: e.at.toISOString() },
    ...(e.kind === 'review' ? {} : { orderNo: `${e.day.replace(/-/g, '')}0012` }),
  }));
  collections.pointsBalances = [
    {
      _id: RESIDENT,
      balance: entries.reduce((n, e) => n + e.points, 0),
      credits,
      debits: entries.reduce((n, e) => n + Math.max(0, -e.points), 0),
      updatedAt: { $date: now.toISOString() },
    },
  ];
}

async function demoWorld(running: RunningCloud): Promise<Demo> {
  const seed = buildSeed(new Date());
  // The previewed item carries a 拼团 price, so its page and a group's page have one to show.
  const egg = (seed.collections.batchItems as Array<Record<string, any>>).find(
    (i) => i.batchId === OPEN_BATCH_ID && String(i._id).endsWith('egg'),
  );
  if (egg) egg.groupDeal = { priceFen: egg.priceFen - 300, size: 3, minutes: 120 };
  demoPoints(seed.collections, new Date());
  await applySeed(running.cloud, ENV, seed);
  // Every collection the functions use exists in a deployed env (database/README.md), seeded or not.
  const { collections } = JSON.parse(fs.readFileSync(path.join(ROOT, 'database/collections.json'), 'utf8'));
  await applySeed(running.cloud, ENV, {
    collections: Object.fromEntries((collections as string[]).map((name) => [name, []])),
  });
  const call = async (fn: string, data: Record<string, unknown>, openid: string) => {
    const res = await fetch(`${running.url}/client/functions/${fn}?env=${ENV}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(data),
    });
    const body = (await res.json()) as { ok: boolean; data?: any; code?: string; message?: string };
    if (!body.ok) {
      const logs = await (await fetch(`${running.url}/__localcloud/logs?function=${fn}`)).text();
      throw new Error(`${fn}.${data.action} as ${openid}: ${body.code} ${body.message}\n${logs.slice(-3000)}`);
    }
    return body.data;
  };
  const items = (seed.collections.batchItems as Array<Record<string, any>>).filter((i) => i.batchId === OPEN_BATCH_ID);
  const item = (suffix: string) => items.find((i) => String(i._id).endsWith(suffix)) ?? items[0];
  const order = (openid: string, lines: Array<[string, number]>, seq: number) =>
    call(
      'order',
      {
        action: 'create',
        clientRequestId: `preview-${openid}-${seq}`,
        batchId: OPEN_BATCH_ID,
        pickupPointId: POINT,
        lines: lines.map(([suffix, qty]) => ({ batchItemId: item(suffix)._id, qty })),
      },
      openid,
    );
  const pay = async (openid: string, created: { _id: string; orderNo: string }) => {
    await call('pay', { action: 'prepare', orderId: created._id }, openid);
    await running.cloud.pay.simulatePay(ENV, created.orderNo, { openid });
  };

  // 张三: one paid order (pickup code, after-sale), one waiting for payment.
  const paid = await order(
    RESIDENT,
    [
      ['qingcai', 2],
      ['egg', 1],
      ['orange', 1],
    ],
    1,
  );
  await pay(RESIDENT, paid);
  const pending = await order(
    RESIDENT,
    [
      ['milk', 1],
      ['banana', 2],
    ],
    2,
  );
  // Neighbours at the same point, so the leader's lists are not a single order.
  for (const [i, openid] of ['oLEADER1', 'oRESIDENT3'].entries()) {
    try {
      const o = await order(
        openid,
        [
          ['tomato', 2 + i],
          ['rice', 1],
        ],
        10 + i,
      );
      await pay(openid, o);
    } catch (err) {
      console.warn(`  (demo order as ${openid} skipped: ${(err as Error).message})`);
    }
  }
  const cart = [item('grape'), item('pork'), item('tissue')].map((i, n) => ({
    batchItemId: i._id,
    batchId: OPEN_BATCH_ID,
    title: i.title,
    image: i.image,
    priceFen: i.priceFen,
    qty: n === 1 ? 2 : 1,
  }));
  // 领券中心 offers two coupons; 张三 holds the 满30减5, which his checkout chooses.
  const today = businessDate(new Date());
  const coupon = (requestId: string, title: string, kind: string, offFen: number, thresholdFen: number) =>
    call(
      'admin',
      {
        action: 'coupons.create',
        requestId,
        title,
        kind,
        offFen,
        thresholdFen,
        validFrom: today,
        validTo: addDays(today, 6),
        total: 200,
      },
      ADMIN,
    );
  const week = await coupon('preview-coupon-1', '本周满30减5', 'threshold', 500, 3000);
  const fresh = await coupon('preview-coupon-2', '生鲜立减2元', 'fixed', 200, 0);
  await call('order', { action: 'coupons.claim', couponId: week._id }, RESIDENT);
  // 普通会员 offers a monthly coupon, so 我的积分 shows 领取本月会员券.
  const rules = (await call('admin', { action: 'settings.get' }, ADMIN)).points;
  await call(
    'admin',
    {
      action: 'settings.points',
      ...rules,
      levels: rules.levels.map((l: Record<string, unknown>, i: number) =>
        i ? l : { ...l, monthlyCouponId: fresh._id },
      ),
    },
    ADMIN,
  );

  // 团长券 are open (¥200 a month per leader): 王阿姨 has funded a 满20减3 for her point, and 张三 has claimed one.
  await call('admin', { action: 'settings.coupons', leaderMonthlyBudgetFen: 20_000, stacking: true }, ADMIN);
  const leaderCoupon = await call(
    'leader',
    {
      action: 'coupons.create',
      requestId: 'preview-leader-coupon',
      title: '王阿姨满20减3',
      kind: 'threshold',
      offFen: 300,
      thresholdFen: 2000,
      validFrom: today,
      validTo: addDays(today, 6),
      total: 30,
    },
    LEADER,
  );
  await call('order', { action: 'coupons.claim', couponId: leaderCoupon._id }, RESIDENT);

  // 邀请有礼 is on (¥2 for 张三, 满30减5 for the neighbour) and a new neighbour came in through 张三's share.
  await call(
    'admin',
    {
      action: 'settings.referral',
      enabled: true,
      referrerCouponId: fresh._id,
      inviteeCouponId: week._id,
      monthlyCap: 20,
    },
    ADMIN,
  );
  const { code } = await call('user', { action: 'invite' }, RESIDENT);
  await call('user', { action: 'enter', ref: code }, 'oPREVIEWNEW');

  // 王五 opens a 拼团 of the eggs and pays: 1 of 3, for 张三 to join on the group page.
  const opened = await call(
    'order',
    {
      action: 'create',
      clientRequestId: 'preview-group-1',
      batchId: OPEN_BATCH_ID,
      pickupPointId: POINT,
      lines: [{ batchItemId: item('egg')._id, qty: 1 }],
      groupDeal: { open: true },
    },
    'oRESIDENT3',
  );
  await pay('oRESIDENT3', opened);
  return {
    itemId: item('egg')._id,
    groupId: opened.groupId,
    paidOrderId: paid._id,
    pendingOrderId: pending._id,
    cart,
  };
}

// ---- rendering --------------------------------------------------------------------------------

function renderInWorker(job: PageJob): Promise<RenderResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RENDER_WORKER, JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      const line = stdout.split('\n').find((l) => l.startsWith('@@preview-result '));
      if (line) {
        const result: RenderResult = JSON.parse(line.slice('@@preview-result '.length));
        // The page's own console output, for --verbose.
        result.log = `${stdout.replace(line, '')}${stderr}`.trim();
        return resolve(result);
      }
      resolve({
        page: job.page,
        ok: false,
        error: `render worker exited with ${code}: ${(stderr || stdout).trim().slice(-2000)}`,
        warnings: [],
        calls: [],
        ms: 0,
      });
    });
  });
}

async function pool<T, R>(items: T[], n: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]);
      }
    }),
  );
  return results;
}

type Result = RenderResult & { png?: string };

/** One headless Chromium for the whole run; pages are shot as soon as their worker has written them. */
async function openShooter() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  // Offline and deterministic: only what the HTML carries renders (no CDN fonts or images).
  await context.route(/^(https?|wss?):/, (route) => route.abort());
  return {
    async shoot(r: Result) {
      if (!r.out) return;
      const page = await context.newPage();
      try {
        await page.goto(`file://${r.out}`, { waitUntil: 'load', timeout: 30_000 });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        // Vant icons need their font: a page that shows one without it fails (it would show boxes).
        const icons = await page.evaluate(async () => {
          const count = document.querySelectorAll('[class*="van-icon--van-icon-"]').length;
          if (count) await document.fonts.load('16px vant-icon');
          return { count, loaded: [...document.fonts].some((f) => f.family === 'vant-icon' && f.status === 'loaded') };
        });
        if (icons.count && !icons.loaded)
          throw new Error(`${icons.count} Vant icons but the vant-icon font did not load`);
        // Long pages are captured whole: the phone grows to the page's full height.
        const { scroll, view } = await page.evaluate(() => {
          const el = document.querySelector('.mp-page');
          return { scroll: el?.scrollHeight ?? 0, view: el?.clientHeight ?? 0 };
        });
        if (scroll > view) {
          const height = 812 + scroll - view;
          await page.setViewportSize({ width: 375, height });
          await page.evaluate((h) => document.documentElement.style.setProperty('--mp-height', `${h}px`), height);
        }
        const png = r.out.replace(/\.html$/, '.png');
        await page.screenshot({ path: png, animations: 'disabled', caret: 'hide' });
        r.png = png;
        if (scroll < 20) r.warnings.push(`page content is only ${scroll}px tall`);
      } catch (err) {
        r.ok = false;
        r.error = `screenshot: ${(err as Error).message}`;
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

/** Loads every function once (an unknown action answers at once), so pages do not wait for cold starts. */
async function warmUp(running: RunningCloud, functionsDir: string) {
  const names = fs.readdirSync(functionsDir).filter((n) => fs.existsSync(path.join(functionsDir, n, 'index.js')));
  await Promise.all(
    names.map((name) =>
      fetch(`${running.url}/client/functions/${name}?env=${ENV}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': RESIDENT },
        body: JSON.stringify({ action: '__preview_warm_up__' }),
      }).then(
        (res) => res.text(),
        () => undefined,
      ),
    ),
  );
}

function indexHtml(results: Result[]): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const cards = results
    .map((r) => {
      const name = path.basename(r.png ?? r.out ?? r.page);
      const img = r.png
        ? `<a href="${esc(path.basename(r.png))}"><img src="${esc(path.basename(r.png))}" width="375" height="812" loading="lazy"></a>`
        : `<pre class="err">${esc(r.error ?? 'failed')}</pre>`;
      const html = r.out ? ` · <a href="${esc(path.basename(r.out))}">html</a>` : '';
      return `<figure>${img}<figcaption><b>${esc(r.title ?? '')}</b> ${esc(r.page)}${html}<br><small>${esc(name)}</small></figcaption></figure>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>小程序页面预览 mini-program preview</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#eee;margin:24px}main{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0;background:#fff;padding:8px;border-radius:8px}img{display:block;border:1px solid #ddd}figcaption{font-size:13px;margin-top:6px;max-width:375px}
pre.err{width:375px;white-space:pre-wrap;color:#c00;font-size:12px}</style></head>
<body><h1>小程序页面预览 · mini-program preview</h1><p>${results.length} pages, rendered ${esc(new Date().toISOString())} by <code>npm run preview</code> with demo data.</p>
<main>${cards}</main></body></html>
`;
}

async function main() {
  const t0 = Date.now();
  for (const [what, file] of [
    ['mini-program build (npm run build:mp)', path.join(MP, 'app.js')],
    ['miniprogram_npm (npm run build:mp)', path.join(MP, 'miniprogram_npm')],
    ['cloud functions build (npm run build:functions)', FUNCTIONS],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing: ${file}. Run \`npm run build\` first.`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
  }
  const pages = allPages().filter((p) => !only.length || only.some((o) => p.includes(o)));
  if (!pages.length) throw new Error(`no page matches --only ${only.join(',')}`);
  fs.mkdirSync(outDir, { recursive: true });
  writeIconFont(outDir);

  // This run's snapshot of the builds, so a concurrent `npm run build` (which rewrites dist/cloudfunctions
  // and miniprogram/ in place) cannot pull files away mid-run. Under dist/, so bare requires
  // (wx-server-sdk, mobx-miniprogram) still resolve from the root node_modules.
  const snapshot = path.join(ROOT, 'dist/preview', `run-${process.pid}`);
  const functionsDir = path.join(snapshot, 'cloudfunctions');
  const miniprogramRoot = path.join(snapshot, 'miniprogram');
  fs.rmSync(snapshot, { recursive: true, force: true });
  fs.cpSync(FUNCTIONS, functionsDir, { recursive: true });
  fs.cpSync(MP, miniprogramRoot, { recursive: true, filter: (src) => !src.endsWith('.ts') || src.endsWith('.d.ts') });
  const running = await startLocalCloud({ functionsDir }).catch((err) => {
    fs.rmSync(snapshot, { recursive: true, force: true });
    throw err;
  });
  let results: Result[];
  const shooter = await openShooter().catch(async (err) => {
    await running.stop();
    fs.rmSync(snapshot, { recursive: true, force: true });
    throw err;
  });
  try {
    const [demo] = await Promise.all([demoWorld(running), warmUp(running, functionsDir)]);
    console.log(`preview: local cloud ${running.url} (env ${ENV}) with demo data; rendering ${pages.length} pages`);
    results = await pool(pages, concurrency, async (page) => {
      const result: Result = await renderInWorker({
        page,
        openid: openidFor(page),
        query: queryFor(page, demo),
        gatewayUrl: running.url,
        env: ENV,
        miniprogramRoot,
        storage: { cart: demo.cart },
        out: path.join(outDir, `${fileName(page)}.html`),
      });
      await shooter.shoot(result);
      return result;
    });
  } finally {
    await Promise.allSettled([running.stop(), shooter.close()]);
    fs.rmSync(snapshot, { recursive: true, force: true });
  }

  for (const r of results) {
    const status = r.ok ? 'ok  ' : 'FAIL';
    const where = r.png ? path.relative(ROOT, r.png) : '';
    const secs = `${(r.ms / 1000).toFixed(1)}s`.padStart(6);
    console.log(`${status} ${r.page.padEnd(34)} ${secs}  ${where.padEnd(44)} ${r.title ?? ''}`);
    for (const w of r.warnings) console.log(`       warning: ${w}`);
    if (verbose) {
      console.log(`       phases (ms): ${JSON.stringify(r.phases)}; calls: ${r.calls.join(' ')}`);
      if (r.log) console.log(`       console: ${r.log.split('\n').join('\n       ')}`);
    }
    if (!r.ok) console.log(`       ${String(r.error).split('\n').slice(0, 8).join('\n       ')}`);
  }
  fs.writeFileSync(path.join(outDir, 'index.html'), indexHtml(results));
  const failed = results.filter((r) => !r.ok);
  console.log(
    `preview: ${results.length - failed.length}/${results.length} pages → ${path.relative(ROOT, outDir) || outDir}/index.html` +
      ` in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`preview failed: ${verbose ? (err?.stack ?? err) : (err?.message ?? err)}`);
  process.exitCode = 1;
});

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalCloud, type RunningCloud } from '../../emulator/src';
import { applySeed } from '../../emulator/src/seed';
import { buildSeed } from '../../database/seed';
import { serveConsole } from '../../console/server';
import { contractRefusal } from '../contract-check';

/**
 * The console e2e world: the built functions in a local cloud with today's
 * demo seed, the built console served as static files pointing at it, and a
 * headless Debian chromium driven by playwright-core.
 */
export const root = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(root, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface ConsoleWorld {
  running: RunningCloud;
  env: string;
  consoleUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A browser context whose calls to the gateway are checked against the contracts, like the main one. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  /** A function call through the gateway as this openid; answers the envelope. */
  call<T = any>(
    fn: string,
    data: Record<string, unknown>,
    openid?: string,
  ): Promise<{ ok: boolean; data: T; code?: string; message?: string }>;
  /** Like call, but throws unless ok; answers data. */
  ok<T = any>(fn: string, data: Record<string, unknown>, openid?: string): Promise<T>;
  shot(name: string, page?: Page): Promise<string>;
  /**
   * Moves the local cloud's clock by `ms`, and every browser context's with it:
   * the console's "today" (its default date ranges) is the time the functions see.
   */
  moveClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

function ensureBuilt(): void {
  if (!fs.existsSync(path.join(root, 'dist/cloudfunctions/admin/index.js')))
    throw new Error('functions not built: run `npm run build:functions` first');
  if (!fs.existsSync(path.join(root, 'console/dist/index.html'))) {
    const vite = ['console/node_modules/vite/bin/vite.js', 'node_modules/vite/bin/vite.js']
      .map((p) => path.join(root, p))
      .find((p) => fs.existsSync(p));
    if (!vite) throw new Error('vite not installed: npm ci');
    const r = spawnSync(process.execPath, [vite, 'build'], { cwd: path.join(root, 'console'), stdio: 'inherit' });
    if (r.status !== 0) throw new Error('console build failed: npm run build -w console');
  }
}

let shots = 0;

/**
 * Every call the console makes to the gateway is checked against the server's
 * schema (typings/contracts) on its way out; a test with a call the server
 * would refuse fails, whatever the page then showed.
 */
const refusals: string[] = [];
let refusalsAllowed = false;
/** For a test that sends a refused payload on purpose (the server's answer is what it tests). */
export function allowRefusedPayloads(): void {
  refusalsAllowed = true;
}
afterEach(() => {
  const refused = refusals.splice(0);
  const allowed = refusalsAllowed;
  refusalsAllowed = false;
  if (refused.length && !allowed) throw new Error(`the server would refuse these calls:\n${refused.join('\n')}`);
});

async function checkCalls(context: BrowserContext): Promise<void> {
  await context.route(/\/client\/functions\//, async (route) => {
    const request = route.request();
    if (request.method() === 'POST') {
      const fn = decodeURIComponent(/\/client\/functions\/([^/?]+)/.exec(request.url())?.[1] ?? '');
      let body: Record<string, unknown> | undefined;
      try {
        body = request.postDataJSON();
      } catch {
        body = undefined;
      }
      const refusal = contractRefusal(fn, body);
      if (refusal) refusals.push(refusal);
    }
    await route.continue();
  });
}

/** `folder`: where this world's screenshots go (each test file its own, so files running in parallel keep theirs). */
export async function startConsoleWorld(env = 'e2e-env', folder = ARTIFACTS): Promise<ConsoleWorld> {
  ensureBuilt();
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const running = await startLocalCloud({ functionsDir: path.join(root, 'dist/cloudfunctions') });
  await applySeed(running.cloud, env, buildSeed(new Date()));
  const web = await serveConsole({ gateway: running.url, env });
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
  const contexts: BrowserContext[] = [];
  const newContext: ConsoleWorld['newContext'] = async (options) => {
    const ctx = await browser.newContext(options);
    await checkCalls(ctx);
    contexts.push(ctx);
    return ctx;
  };
  const context = await newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  const call: ConsoleWorld['call'] = async (fn, data, openid) => {
    const res = await fetch(`${running.url}/client/functions/${fn}?env=${env}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(openid ? { 'x-wx-openid': openid } : { 'x-wx-anonymous': '1' }),
      },
      body: JSON.stringify(data),
    });
    return (await res.json()) as any;
  };
  return {
    running,
    env,
    consoleUrl: web.url,
    browser,
    context,
    page,
    newContext,
    call,
    async ok(fn, data, openid) {
      const r = await call(fn, data, openid);
      if (!r.ok) throw new Error(`${fn}.${String(data.action)} failed: ${r.code} ${r.message}`);
      return r.data;
    },
    async shot(name, p = page) {
      const file = path.join(folder, `${String(++shots).padStart(2, '0')}-${name}.png`);
      // The console scrolls inside its main pane, so grow the viewport to the content for the picture.
      const size = p.viewportSize() ?? { width: 1440, height: 900 };
      const height = await p.evaluate(() => {
        const main = document.querySelector('.el-main');
        return main ? main.getBoundingClientRect().top + main.scrollHeight : document.body.scrollHeight;
      });
      await p.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, Math.ceil(height)), 4000) });
      await p.screenshot({ path: file, fullPage: true });
      await p.setViewportSize(size);
      return file;
    },
    async moveClock(ms) {
      running.cloud.clock.advance(ms);
      // Time keeps flowing in the pages (timers run as usual), from the cloud's now.
      for (const ctx of contexts) await ctx.clock.setSystemTime(running.cloud.clock.now());
    },
    async stop() {
      if (errors.length) console.warn('page errors:\n' + errors.join('\n'));
      await browser.close().catch(() => undefined);
      await web.stop();
      await running.stop();
    },
  };
}

/** Signs in on the login page as one of the demo accounts and waits for its landing page. */
export async function logIn(page: Page, consoleUrl: string, account: string, landing: RegExp): Promise<void> {
  await page.goto(`${consoleUrl}/#/login`);
  await page.locator('[data-test=demo-accounts]').getByText(account).click();
  await page.locator('[data-test=login]').click();
  await page.waitForURL(landing);
}

/** Shanghai calendar date, `days` from today. */
export function shanghaiDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** Retries an assertion until it passes or the time is up (the UI and the functions settle asynchronously). */
export async function eventually(assertion: () => Promise<unknown>, timeoutMs = 15_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

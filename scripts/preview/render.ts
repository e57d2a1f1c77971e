/**
 * Render worker for `npm run preview`: renders ONE mini-program page with
 * miniprogram-simulate (official wcc, jsdom), talking to a running local cloud
 * through the page's real transport (config.mode 'local' → wx.request → gateway),
 * and writes a self-contained HTML file (page DOM + its WXSS + a phone frame).
 *
 * One page per process: the pages' MobX stores are module singletons, so a fresh
 * process gives every page a fresh app with the openid it is rendered as.
 *
 * usage: node dist/preview/render.js '<json PageJob>'   → prints one JSON line (RenderResult)
 */
/// <reference types="jest" />
// (setup.ts, imported below, is written for jest; env.ts gives it a jest.fn at run time.)
/* eslint-disable @typescript-eslint/no-require-imports -- simulate's internals and the built app load at run time */
import { nodeFetch } from './env';
import { wxMock } from '../../test/miniprogram/setup';
import fs from 'node:fs';
import path from 'node:path';
import { frameHtml, type FrameInfo } from './frame';

const simulate = require('miniprogram-simulate');
const simulateUtils = require('miniprogram-simulate/src/utils');
const simulateWxss = require('miniprogram-simulate/src/wxss');
const fromSimulate = { paths: [path.dirname(require.resolve('miniprogram-simulate/package.json'))] };
const jComponent = require(require.resolve('j-component', fromSimulate));
const jComponentUtils = require(require.resolve('j-component/src/tool/utils', fromSimulate));
const exparser = require(
  require.resolve('miniprogram-exparser', { paths: [path.dirname(require.resolve('j-component', fromSimulate))] }),
);

export interface PageJob {
  /** e.g. "pages/home/index" or "packages/order/detail/index" */
  page: string;
  openid: string;
  query: Record<string, string>;
  gatewayUrl: string;
  env: string;
  miniprogramRoot: string;
  /** wx storage before the app starts (e.g. a cart). */
  storage: Record<string, unknown>;
  out: string;
  settleTimeoutMs?: number;
}

export interface RenderResult {
  page: string;
  ok: boolean;
  out?: string;
  title?: string;
  error?: string;
  warnings: string[];
  calls: string[];
  ms: number;
  /** What the worker printed (the app's console), filled in by main.ts. */
  log?: string;
  /** ms since the worker started, per phase */
  phases?: Record<string, number>;
}

const g = globalThis as any;
const started = Date.now();
const job: PageJob = JSON.parse(process.argv[2] ?? '{}');
const warnings: string[] = [];
/** Gateway calls that failed below the envelope (HTTP 5xx, network): the page shows no real data. */
const failures: string[] = [];
const calls: string[] = [];
const phases: Record<string, number> = {};
const phase = (name: string) => void (phases[name] = Date.now() - started);

/** 375-wide screen: 750rpx = 375px, so 1rpx = 0.5px (simulate's own transform maps 1rpx to 1px). */
const rpxToPx = (css: string) =>
  css.replace(/(-?\d*\.?\d+)rpx/gi, (_all, n: string) => `${+(parseFloat(n) / 2).toFixed(3)}px`);
simulateUtils.transformRpx = rpxToPx; // <style> from WXSS
jComponentUtils.transformRpx = rpxToPx; // style="" attributes

// :host in a component's WXSS is its host element, which simulate renders as <tagName>
// (e.g. Vant's tabbar-item `:host{flex:1}`); left as is, the browser would drop the rule.
const compileWxss = simulateWxss.compile;
simulateWxss.compile = (wxss: string, options: { prefix?: string } = {}) => {
  const host = options.prefix || 'main';
  return compileWxss(wxss.replace(/:host\(([^)]*)\)/g, `${host}$1`).replace(/:host\b/g, host), options);
};

/**
 * simulate registers WeChat's built-in components (<image>, <input>, ...) without properties,
 * so their attributes never reach the DOM. Re-register the ones whose attributes change what
 * is shown, reflecting those properties onto the host element for polishDom and the CSS.
 */
const REFLECTED: Record<string, string[]> = {
  image: ['src', 'mode'],
  input: ['value', 'placeholder', 'password', 'disabled', 'type'],
  textarea: ['value', 'placeholder', 'disabled'],
  button: ['type', 'size', 'plain', 'disabled'],
  icon: ['type', 'size', 'color'],
  progress: ['percent', 'activeColor', 'backgroundColor', 'strokeWidth'],
  checkbox: ['checked', 'disabled', 'color'],
  radio: ['checked', 'disabled', 'color'],
  switch: ['checked', 'disabled', 'color'],
  'rich-text': ['nodes'],
};
for (const [name, attrs] of Object.entries(REFLECTED)) {
  const properties = Object.fromEntries(
    attrs.map((attr) => [
      attr,
      {
        type: null,
        observer(this: { $$?: Element }, value: unknown) {
          const dom = this.$$;
          if (!dom) return;
          const dashed = attr.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
          if (value === undefined || value === null || value === false || value === '') dom.removeAttribute(dashed);
          else dom.setAttribute(dashed, typeof value === 'object' ? JSON.stringify(value) : String(value));
        },
      },
    ]),
  );
  jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties });
}

// ---- wx: real network to the gateway, a 375x812 iPhone, recorded UI calls ----------------------

let pending = 0;
let navigationTitle: string | undefined;
const tabBadges = new Map<number, string>();

const windowInfo = {
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 812,
  windowWidth: 375,
  windowHeight: 812 - 88,
  statusBarHeight: 44,
  safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  screenTop: 88,
};
const systemInfo = {
  ...windowInfo,
  brand: 'iPhone',
  model: 'iPhone X',
  system: 'iOS 16.0',
  platform: 'ios',
  language: 'zh_CN',
  version: '8.0.50',
  SDKVersion: '3.5.0',
  environment: '',
  theme: 'light',
  fontSizeSetting: 16,
};

type Options = { success?: (r: any) => void; fail?: (e: any) => void; complete?: (r: any) => void };
const done = (options: Options | undefined, res: Record<string, unknown> = {}) => {
  options?.success?.(res);
  options?.complete?.(res);
  return Promise.resolve(res);
};

Object.assign(wxMock, {
  request(options: Options & { url: string; method?: string; header?: Record<string, string>; data?: unknown }) {
    pending++;
    const name = /\/client\/functions\/([^?]+)/.exec(options.url)?.[1] ?? options.url;
    const action = (options.data as { action?: string } | undefined)?.action;
    calls.push(`${name}.${action ?? '?'}`);
    nodeFetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.header,
      body: options.data === undefined ? undefined : JSON.stringify(options.data),
    })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // not JSON: hand over the text as WeChat does
        }
        const envelope = data as { ok?: boolean; code?: string; message?: string };
        if (res.status !== 200) failures.push(`${name}.${action}: HTTP ${res.status} ${text.slice(0, 300)}`);
        else if (envelope && envelope.ok === false)
          warnings.push(`${name}.${action}: ${envelope.code} ${envelope.message ?? ''}`);
        const result = { statusCode: res.status, data, header: Object.fromEntries(res.headers), errMsg: 'request:ok' };
        options.success?.(result);
        options.complete?.(result);
      })
      .catch((err: Error) => {
        failures.push(`${name}.${action}: ${err.message}`);
        const e = { errMsg: `request:fail ${err.message}` };
        options.fail?.(e);
        options.complete?.(e);
      })
      .finally(() => pending--);
    return { abort: () => undefined };
  },
  getSystemInfoSync: () => systemInfo,
  getWindowInfo: () => windowInfo,
  getAppBaseInfo: () => systemInfo,
  getDeviceInfo: () => systemInfo,
  getSystemInfo: (o: Options) => done(o, systemInfo),
  setNavigationBarTitle: (o: Options & { title: string }) => ((navigationTitle = o.title), done(o)),
  setTabBarBadge: (o: Options & { index: number; text: string }) => (tabBadges.set(o.index, o.text), done(o)),
  removeTabBarBadge: (o: Options & { index: number }) => (tabBadges.delete(o.index), done(o)),
  showTabBarRedDot: (o: Options & { index: number }) => (tabBadges.set(o.index, ''), done(o)),
  showToast: (o: Options) => done(o),
  showLoading: (o: Options) => done(o),
  hideLoading: (o?: Options) => done(o),
  // Previewing never leaves the page.
  navigateTo: (o: Options) => done(o),
  redirectTo: (o: Options) => done(o),
  switchTab: (o: Options) => done(o),
  reLaunch: (o: Options) => done(o),
  navigateBack: (o: Options) => done(o),
  stopPullDownRefresh: (o?: Options) => done(o),
  login: (o: Options) => done(o, { code: 'preview-code', errMsg: 'login:ok' }),
  // Standing at the demo's 阳光花园 (Shanghai), so 自提点 lists nearest first.
  getLocation: (o: Options) => done(o, { latitude: 31.2107, longitude: 121.5446, errMsg: 'getLocation:ok' }),
});

process.on('unhandledRejection', (reason) => {
  warnings.push(`unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`);
});

// A page written with Page() (the pages here use Component(); simulate renders only those).
g.Page = (options: Record<string, any>) => {
  const { data, ...rest } = options;
  const methods = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'function'));
  return g.Component({ data, methods });
};

// ---- render -----------------------------------------------------------------------------------

const root = job.miniprogramRoot;
const readJson = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});
const appJson = readJson(path.join(root, 'app.json'));
const pageJson = readJson(path.join(root, `${job.page}.json`));

function withTimeout<T>(promise: Promise<T> | T, ms: number, what: string): Promise<T | undefined> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<undefined>((resolve) =>
      setTimeout(() => {
        warnings.push(`${what} did not finish within ${ms} ms`);
        resolve(undefined);
      }, ms),
    ),
  ]);
}

/**
 * j-component fires `ready` only for the nodes present at attach(); WeChat fires it for every
 * component, including those a later setData creates (a list that arrives from the backend).
 * Vant lays out in `ready` (van-grid-item's width, van-tabs' line), so fire it for the late ones.
 */
const readied = new WeakSet<object>();
function eachComponent(node: any, callback: (component: any) => void) {
  if (node instanceof exparser.Component) {
    if (node.shadowRoot instanceof exparser.Element) eachComponent(node.shadowRoot, callback);
    callback(node);
  }
  for (const child of node.childNodes ?? []) if (child instanceof exparser.Element) eachComponent(child, callback);
}
const roots: any[] = [];
function readyLateComponents() {
  for (const root of roots) {
    eachComponent(root, (component) => {
      if (readied.has(component)) return;
      readied.add(component);
      component.triggerLifeTime('ready');
    });
  }
}

/** Waits until no request has been in flight for a few ticks (stores chain calls), or the timeout. */
async function settle(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < until && quiet < 4) {
    await simulate.sleep(50);
    readyLateComponents();
    quiet = pending === 0 ? quiet + 1 : 0;
  }
  if (pending > 0) warnings.push(`${pending} request(s) still in flight after ${timeoutMs} ms`);
  await simulate.sleep(50); // nextTick flushes (store bindings, Vant)
  readyLateComponents();
  await simulate.sleep(50);
}

/** WXSS as WeChat would apply it to this page: app.wxss + the page and its components (prefixed by simulate). */
function collectCss(): string {
  const appWxss = simulateWxss.getContent(path.join(root, 'app.wxss'));
  const app = rpxToPx(simulateWxss.compile(appWxss, { prefix: 'main' }));
  const inserted = [...document.querySelectorAll('head style')].map((s) => s.textContent ?? '');
  // `page` is the WeChat page root element; here that is .mp-page.
  return [app, ...inserted].map((css) => css.replace(/(^|[\s,}>+~])page(?=[\s,{.:[>+~]|$)/g, '$1.mp-page')).join('\n');
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** An image the page shows, as a data: URL: package files, and the local cloud's storage (posters, QR codes). */
async function imageData(src: string): Promise<string | undefined> {
  try {
    if (src.startsWith('data:')) return src; // drawn on the phone (the pickup-code QR): shown as is
    if (src.startsWith('/') && !src.startsWith('//')) {
      const file = path.join(root, src);
      if (!fs.existsSync(file)) return undefined;
      const mime = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return `data:${mime};base64,${fs.readFileSync(file).toString('base64')}`;
    }
    if (src.startsWith(job.gatewayUrl)) {
      const res = await nodeFetch(src);
      if (!res.ok) return undefined;
      const mime = res.headers.get('content-type') || MIME[path.extname(new URL(src).pathname)] || 'image/png';
      return `data:${mime};base64,${Buffer.from(await res.arrayBuffer()).toString('base64')}`;
    }
  } catch (err) {
    warnings.push(`image ${src}: ${(err as Error).message}`);
  }
  return undefined; // the CDN and the rest of the internet are out of reach: a placeholder shows
}

/** Built-in components render as empty <wx-*> tags in simulate; give them what WeChat shows. */
async function polishDom(host: Element) {
  for (const el of host.querySelectorAll('[style]')) el.setAttribute('style', rpxToPx(el.getAttribute('style') ?? ''));
  for (const img of host.querySelectorAll('wx-image')) {
    const src = img.getAttribute('src') ?? '';
    const mode = img.getAttribute('mode') ?? 'scaleToFill';
    const data = src ? await imageData(src) : undefined;
    if (data) {
      const size = mode === 'aspectFill' ? 'cover' : mode === 'aspectFit' ? 'contain' : '100% 100%';
      img.setAttribute(
        'style',
        `${img.getAttribute('style') ?? ''};background:url("${data}") center/${size} no-repeat`,
      );
      img.classList.add('mp-image-loaded'); // hides van-image's loading overlay (its load event never fires here)
    } else {
      img.classList.add('mp-image-missing');
    }
  }
  // jsdom has no layout, so van-sticky measures 0 and sticks with a 0px placeholder. At scroll
  // position 0 (what a screenshot shows) a sticky header sits where it stands: unstick it.
  for (const wrap of host.querySelectorAll('[class*="van-sticky-wrap--fixed"]')) {
    wrap.className = wrap.className.replace(/\S*van-sticky-wrap--fixed/g, '');
    const sticky = wrap.parentElement;
    if (sticky) sticky.setAttribute('style', (sticky.getAttribute('style') ?? '').replace(/height:\s*0px;?/, ''));
  }
  for (const input of host.querySelectorAll('wx-input, wx-textarea')) {
    if (input.children.length) continue;
    const value = input.getAttribute('value') ?? '';
    const span = document.createElement('span');
    span.className = value ? 'mp-input-value' : 'mp-input-placeholder';
    span.textContent = value || (input.getAttribute('placeholder') ?? '');
    input.appendChild(span);
  }
}

function tabInfo(): FrameInfo['tabBar'] {
  const tabBar = appJson.tabBar;
  if (!isTabPage) return undefined;
  return {
    color: tabBar.color ?? '#7a7e83',
    selectedColor: tabBar.selectedColor ?? '#07c160',
    backgroundColor: tabBar.backgroundColor ?? '#ffffff',
    list: tabBar.list.map(
      (t: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }, i: number) => {
        const selected = t.pagePath === job.page;
        const icon = selected ? (t.selectedIconPath ?? t.iconPath) : t.iconPath;
        return {
          text: t.text,
          selected,
          icon: icon && fs.existsSync(path.join(root, icon)) ? `file://${path.join(root, icon)}` : undefined,
          badge: tabBadges.get(i),
        };
      },
    ),
  };
}

const isTabPage = (appJson.tabBar?.list ?? []).some((t: { pagePath: string }) => t.pagePath === job.page);
const customTabBar =
  isTabPage && appJson.tabBar?.custom && fs.existsSync(path.join(root, 'custom-tab-bar/index.json'))
    ? 'custom-tab-bar/index'
    : undefined;

/** A page, or the custom tab bar, rendered and attached; its WXSS goes into <head>. */
function renderComponent(componentPath: string, tagName: string) {
  const missing = ['json', 'wxml', 'js'].filter((ext) => !fs.existsSync(path.join(root, `${componentPath}.${ext}`)));
  if (missing.length) {
    throw new Error(
      `${componentPath}: no ${missing.map((e) => `.${e}`).join(', ')} in miniprogram/ ` +
        '(page not written yet, or `npm run build:mp` has not compiled its .ts)',
    );
  }
  const id = simulate.load(path.join(root, componentPath), tagName, { rootPath: root, compiler: 'official' });
  const rendered = simulate.render(id);
  rendered.attach(document.createElement('parent-wrapper'));
  // attach() has fired `ready` for everything rendered so far.
  const tree = (rendered as any)._exparserNode;
  eachComponent(tree, (component) => readied.add(component));
  roots.push(tree);
  return rendered;
}

async function main(): Promise<RenderResult> {
  phase('modules');
  for (const [key, value] of Object.entries(job.storage ?? {})) wxMock.setStorageSync(key, value);

  // The app's own config module, switched to the local gateway as `npm start` users do.
  const { config } = require(path.join(root, 'config.js'));
  Object.assign(config, { mode: 'local', gatewayUrl: job.gatewayUrl, env: job.env, localOpenid: job.openid });

  // App() then onLaunch, as WeChat runs them before the first page.
  require(path.join(root, 'app.js'));
  const app = g.getApp() as { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void };
  const launch = { path: job.page, query: job.query, scene: 1001 };
  app.onLaunch?.(launch);
  app.onShow?.(launch);

  const pageRecord: Record<string, unknown> = { route: job.page, options: { ...job.query } };
  g.getCurrentPages = () => [pageRecord];

  // WeChat creates a tab page's custom tab bar with the page; the page reaches it with getTabBar().
  phase('app');
  const bar = customTabBar ? renderComponent(customTabBar, 'custom-tab-bar') : undefined;
  const page = renderComponent(job.page, 'main');
  phase('rendered');
  const instance = page.instance as Record<string, any>;
  instance.route = job.page;
  instance.options = { ...job.query };
  instance.getTabBar = () => bar?.instance ?? null;
  Object.assign(pageRecord, { getTabBar: instance.getTabBar });

  const timeout = job.settleTimeoutMs ?? 10000;
  await withTimeout(instance.onLoad?.({ ...job.query }), timeout, 'onLoad');
  await withTimeout(instance.onShow?.(), timeout, 'onShow');
  bar?.triggerPageLifeTime('show');
  phase('onShow');
  await settle(timeout);
  phase('settled');
  await withTimeout(instance.onReady?.(), timeout, 'onReady');
  await simulate.sleep(50);

  const host = page.dom as Element;
  await polishDom(host);
  if (bar) await polishDom(bar.dom);
  const title = navigationTitle ?? pageJson.navigationBarTitleText ?? appJson.window?.navigationBarTitleText ?? '';
  const html = frameHtml({
    title,
    page: job.page,
    openid: job.openid,
    query: job.query,
    css: collectCss(),
    body: host.outerHTML,
    navigationBarBackgroundColor:
      pageJson.navigationBarBackgroundColor ?? appJson.window?.navigationBarBackgroundColor ?? '#ffffff',
    navigationBarTextStyle: pageJson.navigationBarTextStyle ?? appJson.window?.navigationBarTextStyle ?? 'black',
    navigationStyle: pageJson.navigationStyle ?? appJson.window?.navigationStyle ?? 'default',
    backgroundColor: pageJson.backgroundColor ?? appJson.window?.backgroundColor ?? '#ffffff',
    tabBar: bar ? undefined : tabInfo(),
    customTabBar: bar ? (bar.dom as Element).outerHTML : undefined,
  });
  fs.mkdirSync(path.dirname(job.out), { recursive: true });
  fs.writeFileSync(job.out, html);
  const ok = failures.length === 0;
  const error = ok ? undefined : `the backend failed, so the page shows no demo data:\n${failures.join('\n')}`;
  phase('written');
  return { page: job.page, ok, out: job.out, title, error, warnings, calls, ms: Date.now() - started, phases };
}

main()
  .catch((err: Error): RenderResult => ({
    page: job.page,
    ok: false,
    error: err?.stack ?? String(err),
    warnings,
    calls,
    ms: Date.now() - started,
  }))
  .then((result) => {
    process.stdout.write(`\n@@preview-result ${JSON.stringify(result)}\n`);
    // Count-downs and store timers would keep the process alive.
    process.exit(0);
  });

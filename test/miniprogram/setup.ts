/**
 * The one setup file for mini-program tests (jest `setupFiles`, runs before each test file).
 * 1. Stubs `wx`, `getApp`, `getCurrentPages` and `App` BEFORE miniprogram-simulate loads,
 *    because simulate merges its own API mock under whatever `wx` already exists.
 * 2. Makes usingComponents resolve the way WeChat does (npm paths → miniprogram_npm) and
 *    throws on any entry that does not resolve; stock simulate renders an empty tag instead,
 *    which lets a test pass while the component it claims to test never rendered.
 * 3. Lets one test file load components that share children (two pages both using
 *    van-button): jest caches modules, so a component's Component() call would run only once.
 * The payload check every test gets on top (jest `setupFilesAfterEnv`) is in payloads.ts.
 */
import fs from 'fs';
import path from 'path';

type AnyFn = (...args: any[]) => any;

// ---- 1. wx stub -----------------------------------------------------------------------------

const storage = new Map<string, string>();

function createWxStub() {
  return {
    // WeChat serialises stored values, so a later mutation of the object must not leak in.
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, JSON.stringify(value))),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : '')),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    clearStorageSync: jest.fn(() => storage.clear()),
    showToast: jest.fn(),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
    // By default the user dismisses the sheet.
    showActionSheet: jest.fn((options: { fail?: AnyFn }) => options?.fail?.({ errMsg: 'showActionSheet:fail cancel' })),
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    navigateTo: jest.fn(),
    redirectTo: jest.fn(),
    switchTab: jest.fn(),
    reLaunch: jest.fn(),
    navigateBack: jest.fn(),
    setTabBarBadge: jest.fn(),
    removeTabBarBadge: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    previewImage: jest.fn(),
    // Pages that need these answer them per test; by default the user backs out.
    requestSubscribeMessage: jest.fn((options: { success?: AnyFn }) =>
      options?.success?.({ errMsg: 'requestSubscribeMessage:ok' }),
    ),
    requestPayment: jest.fn((options: { fail?: AnyFn }) => options?.fail?.({ errMsg: 'requestPayment:fail cancel' })),
    chooseMedia: jest.fn((options: { fail?: AnyFn }) => options?.fail?.({ errMsg: 'chooseMedia:fail cancel' })),
    request: jest.fn((options: { url: string; fail?: AnyFn }) =>
      options?.fail?.({ errMsg: `request:fail ${options.url} was not mocked` }),
    ),
    cloud: {
      init: jest.fn(),
      uploadFile: jest.fn(() => Promise.reject(new Error('wx.cloud.uploadFile was not mocked in this test'))),
      // A call nobody mocked is a test bug; fail with the function's name rather than hang.
      callFunction: jest.fn((options: { name: string }) =>
        Promise.reject(new Error(`wx.cloud.callFunction("${options.name}") was not mocked in this test`)),
      ),
    },
  };
}

export type WxStub = ReturnType<typeof createWxStub>;

const g = globalThis as any;
g.wx = createWxStub();
let appInstance: Record<string, unknown> = { globalData: {} };
g.App = jest.fn((options: Record<string, unknown>) => void (appInstance = options));
g.getApp = jest.fn(() => appInstance);
g.getCurrentPages = jest.fn(() => []);

// Loaded only now, so it sees (and keeps) the stub above.
const simulate = require('miniprogram-simulate');
const simulateUtils = require('miniprogram-simulate/src/utils');

/** The live `wx` (simulate's API mock with our stub's members on top), typed for mocking. */
export const wxMock = g.wx as typeof g.wx & WxStub;

/** Empties storage, clears recorded calls and restores default mock behaviour. */
export function resetWx(): void {
  storage.clear();
  const fresh = createWxStub();
  Object.assign(wxMock, fresh);
  appInstance = { globalData: {} };
}

// ---- 2. usingComponents resolution ------------------------------------------------------------

let rootPath: string | undefined; // the miniprogramRoot of the load() in progress

const exists = (componentPath: string) => fs.existsSync(`${componentPath}.json`);

/** WeChat: absolute → from the root; relative → from the component; otherwise also npm. */
function resolveUsingComponent(fromDir: string, value: string, root: string): string | undefined {
  const direct = value.startsWith('/') ? path.join(root, value) : path.join(fromDir, value);
  if (exists(direct)) return direct;
  if (value.startsWith('/') || value.startsWith('.')) return undefined;
  // npm path: miniprogram_npm in the component's folder, then each ancestor up to the root.
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const npm = path.join(dir, 'miniprogram_npm', value);
    const found = [npm, path.join(npm, 'index')].find(exists);
    if (found) return found;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

const readJson: AnyFn = simulateUtils.readJson;
simulateUtils.readJson = (jsonPath: string) => {
  const json = readJson(jsonPath);
  const using: Record<string, string> | undefined = json?.usingComponents;
  if (!using) return json;
  const fromDir = path.dirname(jsonPath);
  for (const [tag, value] of Object.entries(using)) {
    const resolved = resolveUsingComponent(fromDir, value, rootPath ?? path.parse(fromDir).root);
    if (!resolved) {
      throw new Error(
        `usingComponents "${tag}": "${value}" in ${jsonPath} does not resolve to a component` +
          ` (relative, or miniprogram_npm under ${rootPath}). Did \`npm run build:mp\` run?`,
      );
    }
    // simulate joins relative values onto the component's folder, so hand it one that works.
    using[tag] = path.relative(fromDir, resolved);
  }
  return json;
};

const load: AnyFn = simulate.load;
simulate.load = (componentPath: unknown, tagName?: unknown, options?: Record<string, unknown>) => {
  if (typeof componentPath !== 'string') return load(componentPath, tagName, options);
  const opts = (typeof tagName === 'object' ? tagName : options) as { rootPath?: string } | undefined;
  rootPath = opts?.rootPath ?? path.dirname(componentPath); // simulate's own default
  try {
    return load(componentPath, tagName, options);
  } finally {
    rootPath = undefined;
  }
};

// ---- 3. replay Component() for modules jest has already cached ---------------------------------

const definitions = new Map<string, Record<string, unknown>>();
const copy = (options: Record<string, any>) => ({
  ...options,
  // simulate rewrites relation keys in place; each registration needs the original keys.
  relations: options.relations && { ...options.relations },
});

simulateUtils.runJs = (filePath: string) => {
  const register: AnyFn = g.Component;
  let registered = false;
  g.Component = (options: Record<string, any>) => {
    registered = true;
    // WeChat's groupSetData (used by van-tabs) batches the setData calls made in cb; simulate lacks it.
    options.methods = { groupSetData: (cb: () => void) => cb(), ...options.methods };
    definitions.set(filePath, copy(options));
    return register(options);
  };
  try {
    require(filePath);
  } finally {
    g.Component = register;
  }
  const cached = definitions.get(filePath);
  if (!registered && cached) register(copy(cached));
};

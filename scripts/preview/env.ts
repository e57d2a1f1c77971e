/**
 * The environment test/miniprogram/setup.ts expects, outside jest: a jsdom window
 * installed as globals (as jest-environment-jsdom does) and a minimal `jest.fn`.
 * Imported first by the render worker, before setup.ts and miniprogram-simulate load.
 */
import { JSDOM } from 'jsdom';

type AnyFn = (...args: any[]) => any;
const g = globalThis as any;

// Node's own fetch, kept before the window's globals are installed.
export const nodeFetch: typeof fetch = g.fetch.bind(g);

const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', {
  pretendToBeVisual: true,
  url: 'http://localhost/',
});
const win = dom.window as any;

// Like global-jsdom: every window property Node lacks becomes a global.
for (const key of Object.getOwnPropertyNames(win)) {
  if (key in g || key.startsWith('_')) continue;
  try {
    g[key] = win[key];
  } catch {
    // read-only on one side: skip
  }
}
g.window = win;
g.document = win.document;
g.navigator = win.navigator;
// Timers stay Node's (simulate's sleep and the pages' setTimeout must drive the same loop).

/** setup.ts builds its stubs with jest.fn; outside jest a plain wrapper is enough. */
function fn(impl?: AnyFn) {
  let current: AnyFn = impl ?? (() => undefined);
  const mock: any = (...args: any[]) => current(...args);
  mock.mockImplementation = (next: AnyFn) => ((current = next), mock);
  mock.mockReturnValue = (value: unknown) => ((current = () => value), mock);
  return mock;
}
g.jest = { fn };

export const jsdom = dom;

import fs from 'fs';
import path from 'path';
import simulate from 'miniprogram-simulate';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

export interface LoadOptions {
  /** miniprogramRoot for WeChat-style resolution and the official wxml compiler. */
  rootPath?: string;
}

/**
 * Registers a page or component (path relative to the root, no extension) and returns its id.
 * Uses the official wcc compiler, so wxml that WeChat would reject fails here too.
 */
export function loadComponent(componentPath: string, { rootPath = MINIPROGRAM_ROOT }: LoadOptions = {}): string {
  if (rootPath === MINIPROGRAM_ROOT && !fs.existsSync(path.join(rootPath, 'miniprogram_npm'))) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build:mp` first');
  }
  return simulate.load(path.join(rootPath, componentPath), { rootPath, compiler: 'official' });
}

/** Loads, renders and attaches, so lifetimes (and store bindings) run as on a device. */
export function renderPage(componentPath: string, options?: LoadOptions, properties?: Record<string, unknown>) {
  const page = simulate.render(loadComponent(componentPath, options), properties);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

export type Rendered = ReturnType<typeof renderPage>;

/** What the user reads: text with WeChat's layout whitespace removed. */
export function textOf(node: { dom?: Element } | Element | undefined): string {
  const dom = node && 'dom' in node ? node.dom : (node as Element | undefined);
  return (dom?.textContent ?? '').replace(/\s+/g, '');
}

/**
 * Store bindings and many Vant updates land on wx.nextTick (a timer), after
 * promise chains. Waiting a fixed 10 ms raced the chain on a loaded machine, so
 * let a number of timer turns pass instead: each turn completes one hop, however
 * slow the machine is.
 */
export async function flush(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Finds a node by selector inside a (possibly nested) custom component, failing loudly. */
export function find(root: Rendered, ...selectors: string[]) {
  let node: any = root;
  for (const selector of selectors) {
    const next = node.querySelector(selector);
    if (!next) throw new Error(`"${selector}" not found (path: ${selectors.join(' > ')})`);
    node = next;
  }
  return node as Rendered;
}

/** Renders a page and runs its onLoad(query) as WeChat does when the page opens, then lets it settle. */
export async function openPage(componentPath: string, query: Record<string, string> = {}) {
  const page = renderPage(componentPath);
  const instance = page.instance as unknown as {
    onLoad?: (q: Record<string, string>) => unknown;
    onShow?: () => unknown;
  };
  await instance.onLoad?.(query);
  await instance.onShow?.();
  await flush();
  return page;
}

/** Taps a Vant button (or anything with an inner node) found by a selector path. */
export async function tap(root: Rendered, ...selectors: string[]) {
  find(root, ...selectors).dispatchEvent('tap');
  await flush();
}

/** Taps 重试 in a page's load-state (the error state every list has). */
export async function tapRetry(root: Rendered, hostSelector = '.state') {
  await tap(root, hostSelector, '.retry', '.van-button');
}

import path from 'path';
import { loadComponent, renderPage, textOf } from './helpers';

// A tiny project of its own, so broken components never touch the real miniprogram/.
const rootPath = path.join(__dirname, 'fixtures/resolve');

test('an npm-style usingComponents path resolves from miniprogram_npm in an ancestor folder', () => {
  const widget = renderPage('components/deep/widget/index', { rootPath });

  expect(textOf(widget)).toBe('badgefromminiprogram_npm');
});

test('a usingComponents entry that resolves nowhere fails loudly, naming tag and path', () => {
  expect(() => loadComponent('components/missing-npm/index', { rootPath })).toThrow(
    /usingComponents "van-button": "@vant\/weapp\/button\/index" in .*components\/missing-npm\/index\.json/,
  );
  expect(() => loadComponent('components/missing-relative/index', { rootPath })).toThrow(
    /usingComponents "x-card": "\.\.\/card\/index"/,
  );
});

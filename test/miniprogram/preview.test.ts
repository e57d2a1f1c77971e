/**
 * `npm run preview` end to end for two pages: the built functions in a local cloud with the demo
 * data, the page rendered by miniprogram-simulate in a worker, and the screenshot by headless
 * Chromium. Needs `npm run build` (npm test runs it) and Chromium at /usr/bin/chromium (CI installs
 * it with apt-get install chromium fonts-noto-cjk; CHROMIUM_PATH points elsewhere).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`preview.test.ts SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`);
}
const maybe = hasChromium ? test : test.skip;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string) {
  const head = fs.readFileSync(file).subarray(0, 24);
  expect(head.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

maybe(
  'npm run preview renders a tab page and a subpackage page whole (750 wide, @2x) with Vant icons and an index',
  () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-test-'));
    try {
      const run = spawnSync(
        process.execPath,
        ['scripts/preview.js', '--only', 'pages/home/index,packages/order/detail/index', '--out', out],
        { cwd: ROOT, encoding: 'utf8', timeout: 150_000 },
      );
      const log = `${run.stdout}\n${run.stderr}`;
      expect({ status: run.status, log }).toMatchObject({ status: 0 });
      expect(run.stdout).toMatch(/^ok +pages\/home\/index/m);
      expect(run.stdout).toMatch(/^ok +packages\/order\/detail\/index/m);
      expect(run.stdout).toMatch(/2\/2 pages/);

      for (const name of ['pages-home', 'packages-order-detail']) {
        const png = path.join(out, `${name}.png`);
        expect(fs.existsSync(png)).toBe(true);
        expect(fs.statSync(png).size).toBeGreaterThan(10 * 1024);
        expect(pngSize(png).width).toBe(750);
        expect(pngSize(png).height).toBeGreaterThanOrEqual(1624);
        // Vant's icon font is served next to the page, never from the CDN WeChat uses (offline here).
        const html = fs.readFileSync(path.join(out, `${name}.html`), 'utf8');
        expect(html).not.toContain('at.alicdn.com');
        expect(html).toMatch(/@font-face \{ font-family: vant-icon;[^}]*url\("fonts\/vant-icon\.woff2"\)/);
        expect(html).toMatch(/van-icon--van-icon-/);
      }
      // The font is the real woff2 (the pages fail when a Vant icon's font does not load).
      expect(fs.readFileSync(path.join(out, 'fonts/vant-icon.woff2')).subarray(0, 4).toString('latin1')).toBe('wOF2');
      // Home with the demo's 12 items is longer than a screen: captured whole, not its first screen only.
      expect(pngSize(path.join(out, 'pages-home.png')).height).toBeGreaterThan(1624);
      // The HTML behind each PNG carries the demo data the page loaded from the local cloud.
      const home = fs.readFileSync(path.join(out, 'pages-home.html'), 'utf8');
      expect(home).toContain('本地小青菜');
      const detail = fs.readFileSync(path.join(out, 'packages-order-detail.html'), 'utf8');
      expect(detail).toContain('取货码');
      const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(index).toContain('pages-home.png');
      expect(index).toContain('packages-order-detail.png');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  },
  180_000,
);

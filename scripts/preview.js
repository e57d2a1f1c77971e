#!/usr/bin/env node
// `npm run preview` (after `npm run build`): renders every mini-program page with demo data
// and screenshots it in headless Chromium → preview/*.png + preview/index.html.
// Bundles scripts/preview/{main,render}.ts with esbuild (packages stay external, as bench/run.js
// does) into dist/preview/ and runs main. Options: --only <substr,...> --out <dir> --concurrency <n> --verbose.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outdir = path.join(root, 'dist', 'preview');
const { outputFiles } = esbuild.buildSync({
  entryPoints: ['main', 'render'].map((name) => path.join(__dirname, 'preview', `${name}.ts`)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
  write: false,
});
// Another preview run (a test, say) may be starting workers from these files: replace them atomically.
fs.mkdirSync(outdir, { recursive: true });
for (const file of outputFiles) {
  if (fs.existsSync(file.path) && fs.readFileSync(file.path, 'utf8') === file.text) continue;
  const temp = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temp, file.contents);
  fs.renameSync(temp, file.path);
}
require(path.join(outdir, 'main.js'));

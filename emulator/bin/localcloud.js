#!/usr/bin/env node
// The emulator is TypeScript; this launcher bundles it with esbuild (tens of
// milliseconds) into dist/emulator and runs it, so a fresh clone needs no build step.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..', '..');
const outfile = path.join(root, 'dist', 'emulator', 'cli.js');
esbuild.buildSync({
  entryPoints: [path.join(root, 'emulator', 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
require(outfile);

#!/usr/bin/env node
// Runs a TypeScript benchmark: bundles bench/<name>.ts with esbuild (packages stay
// external) into dist/bench/ and runs it. Each benchmark prints one JSON line.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const name = process.argv[2];
if (!name) {
  console.error('usage: node bench/run.js <name>');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'dist', 'bench', `${name}.js`);
esbuild.buildSync({
  entryPoints: [path.join(__dirname, `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
process.argv.splice(2, 1);
require(outfile);

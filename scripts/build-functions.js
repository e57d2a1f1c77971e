#!/usr/bin/env node
// Bundles each cloud function (cloudfunctions/<fn>/index.ts) with esbuild into
// dist/cloudfunctions/<fn>/: index.js (shared core inlined), package.json with
// wx-server-sdk as its only dependency, and config.json (timeout, triggers);
// the source maps go to dist/sourcemaps/<fn>/.
// WeChat DevTools and @cloudbase/cli upload exactly this folder.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'cloudfunctions');
const outDir = path.join(root, 'dist', 'cloudfunctions');
const mapDir = path.join(root, 'dist', 'sourcemaps');
const sdkVersion = require(path.join(root, 'package.json')).dependencies['wx-server-sdk'];

function functionNames() {
  return fs
    .readdirSync(srcDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(srcDir, d.name, 'config.json')))
    .map((d) => d.name)
    .sort();
}

async function build(only) {
  const names = functionNames().filter((n) => !only.length || only.includes(n));
  fs.mkdirSync(outDir, { recursive: true });
  const results = await Promise.all(
    names.map(async (name) => {
      const dest = path.join(outDir, name);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.mkdirSync(dest, { recursive: true });
      const result = await esbuild.build({
        entryPoints: [path.join(srcDir, name, 'index.ts')],
        outfile: path.join(dest, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat cloud functions run Node 16 or newer.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        metafile: true,
        // Minified, a bundle compiles faster at each cold start; keepNames leaves function
        // and class names readable in logged stack traces (and err.name), and the source
        // map (dist/sourcemaps/, not uploaded) turns a logged position back into the source.
        minify: true,
        keepNames: true,
        sourcemap: 'external',
        legalComments: 'none',
        logLevel: 'warning',
      });
      const externals = new Set();
      for (const input of Object.values(result.metafile.inputs)) {
        for (const imp of input.imports)
          // '<runtime>': esbuild's own helpers (keepNames).
          if (imp.external && !imp.path.startsWith('node:') && imp.path !== '<runtime>') externals.add(imp.path);
      }
      const foreign = [...externals].filter((e) => e !== 'wx-server-sdk' && !require('node:module').isBuiltin(e));
      if (foreign.length) throw new Error(`${name}: unexpected external imports ${foreign.join(', ')}`);
      const pkg = {
        name,
        version: '1.0.0',
        private: true,
        main: 'index.js',
        dependencies: { 'wx-server-sdk': sdkVersion },
      };
      fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
      fs.copyFileSync(path.join(srcDir, name, 'config.json'), path.join(dest, 'config.json'));
      fs.mkdirSync(path.join(mapDir, name), { recursive: true });
      fs.renameSync(path.join(dest, 'index.js.map'), path.join(mapDir, name, 'index.js.map'));
      return { name, bytes: fs.statSync(path.join(dest, 'index.js')).size };
    }),
  );
  for (const r of results) console.log(`built ${r.name.padEnd(12)} ${(r.bytes / 1024).toFixed(1)} KB`);
  console.log(`${results.length} functions → ${path.relative(root, outDir)}`);
}

build(process.argv.slice(2)).catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});

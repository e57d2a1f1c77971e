// Builds miniprogram/ for WeChat without DevTools: TS → JS in place, then
// miniprogram_npm the way DevTools' 构建 npm does, trimmed to the Vant
// components the pages actually use (every shipped byte counts against the 2 MB package limit).
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const MP = path.join(ROOT, 'miniprogram');
const NPM = path.join(MP, 'miniprogram_npm');
const BACKEND_ONLY = new Set(['wx-server-sdk']); // a mistaken import of these fails the build
const VANT = '@vant/weapp';

function walk(dir, skip = () => false) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (skip(file)) return [];
    return e.isDirectory() ? walk(file, skip) : [file];
  });
}
const ownFiles = () => walk(MP, (f) => f === NPM);
const kb = (files) => `${(files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1024).toFixed(1)} KB`;

// (a) TypeScript → CommonJS; bare imports stay require() for WeChat to resolve from miniprogram_npm.
// A file that uses a value from typings/ (a shared rule such as typings/points.ts pointsDiscount, so
// the phone's estimate is the server's arithmetic) gets it inlined: WeChat loads nothing outside
// miniprogramRoot. Such a typings module must be plain TS without package imports.
const TYPINGS = path.join(ROOT, 'typings');
const inlineTypings = {
  name: 'inline-typings',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const inTypings = args.importer.startsWith(TYPINGS + path.sep);
      if (isBare(args.path)) {
        if (inTypings)
          return { errors: [{ text: `${args.importer} imports ${args.path}: the mini-program cannot use it` }] };
        return { external: true };
      }
      const target = path.resolve(args.resolveDir, args.path);
      return target.startsWith(TYPINGS + path.sep) ? undefined : { external: true };
    });
  },
};
async function compileTs() {
  const sources = ownFiles().filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const options = { format: 'cjs', target: 'es2018', charset: 'utf8' }; // utf8: Chinese readable in DevTools
  let inlined = 0;
  for (const file of sources) {
    let { code } = esbuild.transformSync(fs.readFileSync(file, 'utf8'), {
      ...options,
      loader: 'ts',
      sourcefile: path.relative(MP, file),
    });
    if (/require\("(\.\.\/)+typings\//.test(code)) {
      const built = await esbuild.build({
        ...options,
        entryPoints: [file],
        bundle: true,
        write: false,
        plugins: [inlineTypings],
      });
      code = built.outputFiles[0].text;
      inlined++;
    }
    fs.writeFileSync(file.replace(/\.ts$/, '.js'), code);
  }
  console.log(`ts: compiled ${sources.length} files (${inlined} with rules inlined from typings/)`);
}

// (b) Ship the packages the compiled code requires or usingComponents names, plus their
// dependencies. A package with a "miniprogram" field ships that folder; any other ships its
// main (with its relative requires bundled in) as index.js, as DevTools' 构建 npm does.
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const isBare = (spec) => !/^(\.|\/|plugin:\/\/)/.test(spec);

function usedPackages() {
  const files = ownFiles();
  const read = (f) => fs.readFileSync(f, 'utf8');
  const specs = [
    ...files
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => [...read(f).matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])),
    ...files
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => Object.values(JSON.parse(read(f)).usingComponents || {})),
  ];
  return specs.filter(isBare).map(packageOf);
}

function buildNpm() {
  fs.rmSync(NPM, { recursive: true, force: true });
  const { dependencies = {} } = require(path.join(ROOT, 'package.json'));
  const queue = [...new Set(usedPackages())];
  const built = new Set();
  for (const name of queue) {
    if (built.has(name)) continue;
    if (BACKEND_ONLY.has(name)) throw new Error(`${name} is backend only; the mini-program must not require it`);
    if (!dependencies[name]) throw new Error(`the mini-program uses ${name}: add it to the root "dependencies"`);
    // The folder itself, not require.resolve: packages with "exports" hide their package.json.
    const pkgDir = path.join(ROOT, 'node_modules', name);
    const pkg = require(path.join(pkgDir, 'package.json'));
    const out = path.join(NPM, name);
    const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    if (pkg.miniprogram) {
      fs.cpSync(path.join(pkgDir, pkg.miniprogram), out, { recursive: true });
    } else {
      esbuild.buildSync({
        entryPoints: [path.join(pkgDir, pkg.main || 'index.js')],
        outfile: path.join(out, 'index.js'),
        bundle: true,
        format: 'cjs',
        platform: 'neutral',
        target: 'es2018',
        external,
        logLevel: 'warning',
      });
    }
    built.add(name);
    queue.push(...external);
    console.log(`npm: ${name} (${pkg.miniprogram ? `"miniprogram": ${pkg.miniprogram}` : `main: ${pkg.main}`})`);
  }
}

// (c) Keep the Vant folders reachable from our usingComponents, following each kept
// folder's own usingComponents, JS/WXS requires, <wxs>/<import> srcs and wxss @imports.
function pruneVant() {
  const vantDir = path.join(NPM, VANT);
  if (!fs.existsSync(vantDir)) return;
  const wanted = new Set();
  const topFolder = (abs) => {
    const rel = path.relative(vantDir, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep)[0];
  };
  for (const file of ownFiles().filter((f) => f.endsWith('.json'))) {
    const using = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents || {};
    for (const value of Object.values(using).filter((v) => v.startsWith(`${VANT}/`))) {
      const folder = value.split('/')[2];
      if (!fs.existsSync(path.join(vantDir, folder))) throw new Error(`${file}: no Vant component "${value}"`);
      wanted.add(folder);
    }
  }
  const refPattern = /require\(\s*['"]([^'"]+)['"]\s*\)|\bsrc="([^"{}]+)"|@import\s+['"]([^'"]+)['"]/g;
  const queue = [...wanted];
  while (queue.length) {
    for (const file of walk(path.join(vantDir, queue.pop()))) {
      const text = fs.readFileSync(file, 'utf8');
      const refs = file.endsWith('.json')
        ? Object.values(JSON.parse(text).usingComponents || {})
        : [...text.matchAll(refPattern)].map((m) => m[1] || m[2] || m[3]);
      for (const ref of refs.filter((r) => r.startsWith('.'))) {
        const folder = topFolder(path.resolve(path.dirname(file), ref));
        if (folder && !wanted.has(folder)) {
          wanted.add(folder);
          queue.push(folder);
        }
      }
    }
  }
  let kept = 0;
  for (const folder of fs.readdirSync(vantDir)) {
    const isComponent = fs.existsSync(path.join(vantDir, folder, 'index.json'));
    if (!wanted.has(folder)) fs.rmSync(path.join(vantDir, folder), { recursive: true, force: true });
    else if (isComponent) kept++;
  }
  const shared = [...wanted].filter((f) => !fs.existsSync(path.join(vantDir, f, 'index.json')));
  console.log(`vant: kept ${kept} components + ${shared.sort().join(', ')} (${kb(walk(vantDir))})`);
}

const app = JSON.parse(fs.readFileSync(path.join(MP, 'app.json'), 'utf8'));
if (app.lazyCodeLoading !== 'requiredComponents') {
  throw new Error('app.json must set "lazyCodeLoading": "requiredComponents" so unused components are not injected');
}
compileTs().then(() => {
  buildNpm();
  pruneVant();
  const shipped = walk(MP).filter((f) => !f.endsWith('.ts'));
  console.log(`miniprogram_npm: ${kb(walk(NPM))}; whole package without .ts: ${kb(shipped)}`);
});

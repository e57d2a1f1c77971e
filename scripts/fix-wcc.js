// The miniprogram-compiler tarball ships its Linux binaries without the run bit,
// so miniprogram-simulate's official compiler fails with EACCES until we set it.
const fs = require('fs');
const path = require('path');

let dir;
try {
  dir = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux');
} catch {
  process.exit(0); // not installed (e.g. production install): nothing to fix
}
for (const bin of ['wcc', 'wcsc']) {
  const file = path.join(dir, bin);
  if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
}

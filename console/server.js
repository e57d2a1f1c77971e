// Serves the built console (console/dist) and a /config.js that points it at a
// running local cloud. Used by `npm start` (scripts/start.js) and the e2e tests.
// Static files only: the console calls the local cloud's gateway directly (CORS).
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const IMAGES = path.join(__dirname, '..', 'miniprogram', 'images');

/**
 * @param {{ gateway: string, env: string, port?: number, host?: string, dir?: string }} options
 * @returns {Promise<{ url: string, port: number, server: http.Server, stop(): Promise<void> }>}
 */
function serveConsole(options) {
  const dir = path.resolve(options.dir ?? path.join(__dirname, 'dist'));
  const host = options.host ?? '127.0.0.1';
  const config = `window.__CONSOLE_CONFIG__ = ${JSON.stringify({ mode: 'local', gateway: options.gateway, env: options.env })};\n`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/config.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' }).end(config);
      return;
    }
    // The demo's product pictures are the mini-program's bundled /images/ (database/seed.ts).
    const base = url.pathname.startsWith('/images/') ? IMAGES : dir;
    const rel = url.pathname.startsWith('/images/') ? url.pathname.slice('/images'.length) : url.pathname;
    let file = path.resolve(base, '.' + decodeURIComponent(rel));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html');
    if (!fs.existsSync(file)) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('console not built: npm run build -w console');
      return;
    }
    const hashed = url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const port = server.address().port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        stop: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

module.exports = { serveConsole };

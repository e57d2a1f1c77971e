import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { LocalCloud } from './cloud';
import { dbErrors, TcbError } from './errors';
import { HttpError, RawReply, type HttpHandler } from './types';
import { decodeAdminBody } from './wire';

/**
 * The HTTP face of the local cloud. Everything the SDK sends arrives at
 * POST /admin?env=..; storage bytes, the client gateway and the control API
 * are plain routes contributed by the services.
 */
export function createServer(cloud: LocalCloud): http.Server {
  const routes: Array<[string, string, HttpHandler]> = [];
  for (const service of cloud.services()) {
    for (const [key, handler] of Object.entries(service.routes?.() ?? {})) {
      const [method, prefix] = key.split(' ');
      routes.push([method, prefix, handler]);
    }
  }
  // Longest prefix first so "/__localcloud/pay/" wins over "/__localcloud/".
  routes.sort((a, b) => b[1].length - a[1].length);

  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const reply = (status: number, payload: unknown) => {
        if (payload instanceof RawReply) {
          res.writeHead(payload.status, {
            'content-type': payload.contentType,
            'content-length': payload.body.length,
            // The console reads the gateway's answers (and draws its pictures) from another origin.
            'access-control-allow-origin': '*',
          });
          res.end(payload.body);
          return;
        }
        const text = JSON.stringify(payload ?? null);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'access-control-allow-origin': '*',
        });
        res.end(text);
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': '*',
          'access-control-allow-methods': 'GET,POST,PUT,DELETE',
        });
        res.end();
        return;
      }
      const run = async (): Promise<void> => {
        if (req.method === 'POST' && url.pathname === '/admin') {
          reply(200, await handleAdmin(cloud, body, req.headers['content-type'] ?? '', url));
          return;
        }
        const route = routes.find(([m, p]) => m === req.method && url.pathname.startsWith(p));
        if (!route) throw new HttpError(404, `no route for ${req.method} ${url.pathname}`);
        const result = await route[2]({
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname.slice(route[1].length)),
          query: url.searchParams,
          headers: req.headers,
          body,
        });
        reply(200, result);
      };
      run().catch((err: unknown) => {
        if (err instanceof HttpError) reply(err.status, { error: err.message });
        else {
          // The stack is for the developer's terminal, not for the caller.
          console.error(`[localcloud] ${req.method} ${url.pathname}:`, err);
          reply(500, { error: `localcloud internal error: ${String((err as Error)?.message ?? err)}` });
        }
      });
    });
  });
}

async function handleAdmin(cloud: LocalCloud, raw: Buffer, contentType: string, url: URL): Promise<unknown> {
  const requestId = randomUUID();
  try {
    const { body, parts } = decodeAdminBody(raw, contentType);
    const action = String(body.action ?? '');
    const env = String(body.envName || url.searchParams.get('env') || 'local-env');
    const latency = cloud.faults.config.latencyMs;
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const handler = cloud.handler(action);
    if (!handler) throw new TcbError('INVALID_PARAM', `action not supported by localcloud: ${action}`);
    const invocation = cloud.invocation(body.wxCloudApiToken);
    cloud.countRequest(action, invocation);
    if (action.startsWith('database.') && cloud.faults.config.dbFailWhen?.(action, body)) {
      throw dbErrors.requestFailed('database request failed (injected fault)');
    }
    const result = await handler({ cloud, env, body, parts, invocation });
    if (result instanceof RawReply) return result;
    return result && typeof result === 'object' ? { ...result, requestId } : result;
  } catch (err) {
    if (err instanceof TcbError) return { code: err.code, message: err.message, requestId };
    return { code: 'SYS_ERR', message: String((err as Error)?.message ?? err), requestId };
  }
}

export interface RunningCloud {
  cloud: LocalCloud;
  server: http.Server;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function listen(cloud: LocalCloud, port = 0, host = '127.0.0.1'): Promise<RunningCloud> {
  const server = createServer(cloud);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host}:${actual}`;
  cloud.baseUrl = url;
  return {
    cloud,
    server,
    url,
    port: actual,
    async stop() {
      await cloud.functions.stopAll();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await cloud.close();
    },
  };
}

/**
 * How the console reaches the cloud functions. Two transports answer the same
 * thing (what the function returned, i.e. its envelope):
 *
 * - local:     the localcloud client gateway, POST <gateway>/client/functions/<fn>?env=<env>
 *              with header X-WX-OPENID. Development only: the gateway lets anyone claim
 *              any openid, so a demo admin stands in for a real login.
 * - cloudbase: the CloudBase JS SDK in production, `app.callFunction({name, data})`.
 *              The admin signs in with CloudBase auth; the function resolves the caller
 *              from its cloud context and checks users.roles (see console/README.md).
 */
export interface Transport {
  readonly mode: 'local' | 'cloudbase';
  invoke(fn: string, data: Record<string, unknown>): Promise<unknown>;
}

export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The local cloud's client gateway. `openid()` is the logged-in demo user's openid. */
export function gatewayTransport(gateway: string, env: string, openid: () => string | undefined): Transport {
  const base = gateway.replace(/\/+$/, '');
  return {
    mode: 'local',
    async invoke(fn, data) {
      const id = openid();
      let res: Response;
      try {
        res = await fetch(`${base}/client/functions/${encodeURIComponent(fn)}?env=${encodeURIComponent(env)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(id ? { 'x-wx-openid': id } : {}) },
          body: JSON.stringify(data),
        });
      } catch (err) {
        throw new TransportError('NETWORK', `无法连接本地云 ${base}：${(err as Error).message}`);
      }
      const text = await res.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        throw new TransportError('UNAVAILABLE', `网关返回了非 JSON 内容（HTTP ${res.status}）`);
      }
      if (!res.ok) {
        const msg = (body as { error?: string } | null)?.error ?? `HTTP ${res.status}`;
        throw new TransportError('UNAVAILABLE', `云函数 ${fn} 调用失败：${msg}`);
      }
      return body;
    },
  };
}

/**
 * The part of a CloudBase JS SDK app (`cloudbase.init({env})`, @cloudbase/js-sdk) the
 * console uses. Typed structurally so the console builds without the SDK installed.
 */
export interface CloudBaseApp {
  callFunction(options: { name: string; data: Record<string, unknown> }): Promise<{ result?: unknown }>;
}

/**
 * Production transport: the admin has signed in with CloudBase auth before
 * (e.g. `app.auth().signIn({username, password})` or WeChat web login), so
 * the SDK sends the login state with each call and the function sees the
 * caller in its context; the console never sends an openid or a role.
 */
export function cloudBaseTransport(app: CloudBaseApp): Transport {
  return {
    mode: 'cloudbase',
    async invoke(fn, data) {
      try {
        const res = await app.callFunction({ name: fn, data });
        return res.result;
      } catch (err) {
        throw new TransportError('UNAVAILABLE', `云函数 ${fn} 调用失败：${(err as Error).message}`);
      }
    },
  };
}

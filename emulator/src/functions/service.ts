import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../cloud';
import { TcbError } from '../errors';
import { sdkEnv } from '../sdk-env';
import { HttpError, type ActionHandler, type HttpHandler, type Invocation, type Service } from '../types';
import { nextFireTime } from './cron';
import { functionEnv } from './dev-env';

interface FunctionConfig {
  timeout?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
}

interface Instance {
  child: ChildProcess;
  busy: boolean;
  ready: Promise<void>;
  onResult?: (msg: WorkerResult) => void;
  log: string[];
}

interface WorkerResult {
  ok: boolean;
  result?: unknown;
  error?: { message: string; stack?: string };
  ms: number;
}

export interface InvocationLog {
  env: string;
  functionName: string;
  requestId: string;
  openid?: string;
  source: string;
  ok: boolean;
  ms: number;
  error?: string;
  logs: string[];
  at: number;
}

export interface InvokeOptions {
  openid?: string;
  /** CloudBase uid of a web client (the console signed in with CloudBase auth). */
  uid?: string;
  /** TCB_SOURCE for the callee; defaults to a chained call from `caller`, else wx_unknown. */
  source?: string;
  caller?: Invocation;
}

/** emulator/runtime/worker.js, found from the source tree or from a bundle in dist/. */
function findWorker(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'emulator', 'runtime', 'worker.js');
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, 'runtime', 'worker.js'))) return path.join(dir, 'runtime', 'worker.js');
  }
  throw new Error('emulator/runtime/worker.js not found');
}
const workerPath = findWorker();

/**
 * Runs the built function bundles in worker processes, one invocation at a time
 * per instance; instances are started on demand up to `maxInstances` per
 * function and the rest queue (the cloud scales further; see FIDELITY.md).
 */
export class FunctionService implements Service {
  maxInstances = 4;
  private readonly pools = new Map<string, Instance[]>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly recent: InvocationLog[] = [];
  private timer?: NodeJS.Timeout;
  private readonly nextFire = new Map<string, number>();

  constructor(readonly cloud: LocalCloud) {}

  get functionsDir(): string {
    return path.resolve(this.cloud.options.functionsDir ?? 'dist/cloudfunctions');
  }

  list(): string[] {
    if (!fs.existsSync(this.functionsDir)) return [];
    return fs
      .readdirSync(this.functionsDir)
      .filter((n) => fs.existsSync(path.join(this.functionsDir, n, 'index.js')))
      .sort();
  }

  /**
   * A function's config.json, checked as the cloud checks it on upload: at most one
   * timer trigger, named by the documented rule (FIDELITY.md, Functions).
   */
  config(name: string): FunctionConfig {
    const file = path.join(this.functionsDir, name, 'config.json');
    const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : {};
    const triggers = config.triggers ?? [];
    if (triggers.length > 1) throw new TcbError('FUNCTIONS_REQUEST_FAIL', `${name}: only one trigger per function`);
    for (const t of triggers) {
      if (t.type !== 'timer') throw new TcbError('FUNCTIONS_REQUEST_FAIL', `${name}: only timer triggers exist`);
      if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) {
        throw new TcbError('FUNCTIONS_REQUEST_FAIL', `${name}: invalid trigger name "${t.name}"`);
      }
    }
    return config;
  }

  actions(): Record<string, ActionHandler> {
    return {
      'functions.invokeFunction': async ({ env, body, invocation }) => {
        const event = body.request_data ? JSON.parse(body.request_data) : {};
        const result = await this.invoke(env, String(body.function_name), event, { caller: invocation });
        return { data: { response_data: JSON.stringify(result) } };
      },
    };
  }

  routes(): Record<string, HttpHandler> {
    return {
      // The client gateway: what wx.cloud.callFunction does from the mini-program,
      // for local mode, the console and tests. Local development only.
      'POST /client/functions/': async (req) => {
        const openid = header(req.headers['x-wx-openid']);
        // X-TCB-UUID: a web client signed in with CloudBase auth (the console in production).
        const uid = header(req.headers['x-tcb-uuid']);
        if (!openid && !uid && header(req.headers['x-wx-anonymous']) !== '1') {
          throw new HttpError(
            401,
            "missing header X-WX-OPENID (the calling user's openid); a console user sends X-TCB-UUID instead, " +
              'and a call with no user at all (a stranger outside WeChat) sends X-WX-ANONYMOUS: 1',
          );
        }
        if (!/^[A-Za-z0-9_-]+$/.test(req.path) || !this.list().includes(req.path)) {
          throw new HttpError(404, `no function named "${req.path}"; the functions are: ${this.list().join(', ')}`);
        }
        const env = req.query.get('env') ?? header(req.headers['x-wx-env']) ?? 'local-env';
        const data = parseEvent(req.body);
        try {
          return await this.invoke(env, req.path, data, { openid, uid, source: 'wx_client' });
        } catch (err) {
          if (err instanceof TcbError) throw new HttpError(502, `${err.code}: ${err.message}`);
          throw err;
        }
      },
      'POST /__localcloud/trigger/': async (req) => {
        const [fn, trigger] = req.path.split('/');
        const env = req.query.get('env') ?? 'local-env';
        return this.fireTrigger(env, fn, trigger);
      },
      'GET /__localcloud/logs': (req) => this.logs(req.query.get('function') ?? undefined),
    };
  }

  /** Runs a function and resolves with its return value; rejects with a TcbError as the cloud answers. */
  async invoke(env: string, name: string, event: unknown, opts: InvokeOptions = {}): Promise<unknown> {
    if (!/^[A-Za-z0-9_-]+$/.test(name) || !this.list().includes(name)) {
      throw new TcbError('FUNCTIONS_REQUEST_FAIL', `function not found: ${name}`);
    }
    const source = opts.source ?? (opts.caller ? `${opts.caller.source},scf` : 'wx_unknown,scf');
    const openid = opts.openid ?? opts.caller?.openid;
    const timeoutMs = (this.config(name).timeout ?? 3) * 1000;
    const instance = await this.acquire(env, name);
    const invocation: Invocation = {
      token: randomBytes(8).toString('hex'),
      env,
      functionName: name,
      openid,
      appid: this.cloud.options.appid ?? 'wxlocalappid',
      source,
    };
    const requestId = randomUUID();
    this.cloud.beginInvocation(invocation);
    instance.log = [];
    const started = Date.now();
    try {
      const outcome = await new Promise<WorkerResult>((resolve) => {
        const timer = setTimeout(() => {
          // The cloud ends an instance that overruns its timeout.
          instance.child.kill('SIGKILL');
          resolve({
            ok: false,
            error: { message: `Invoking task timed out after ${timeoutMs / 1000} seconds` },
            ms: timeoutMs,
          });
        }, timeoutMs);
        instance.onResult = (msg) => {
          clearTimeout(timer);
          resolve(msg);
        };
        instance.child.send({
          type: 'invoke',
          id: requestId,
          requestId,
          token: invocation.token,
          source,
          openid,
          uid: opts.uid,
          env,
          functionName: name,
          event,
          timeoutMs,
          clockOffset: this.cloud.clock.offset(),
        });
      });
      this.record({
        env,
        functionName: name,
        requestId,
        openid,
        source,
        ok: outcome.ok,
        ms: Date.now() - started,
        error: outcome.error?.message,
        logs: instance.log,
        at: this.cloud.clock.now(),
      });
      if (!outcome.ok) {
        if (this.cloud.options.verbose) console.error(`[${name}] ${outcome.error?.stack ?? outcome.error?.message}`);
        throw new TcbError('FUNCTIONS_EXECUTE_FAIL', `${name}: ${outcome.error?.message}`);
      }
      return outcome.result;
    } finally {
      this.cloud.endInvocation(invocation.token);
      this.release(env, name, instance);
    }
  }

  /** Fires a timer trigger now, with the event the cloud sends. */
  async fireTrigger(env: string, name: string, triggerName?: string): Promise<unknown> {
    const trigger = (this.config(name).triggers ?? []).find((t) => !triggerName || t.name === triggerName);
    if (!trigger) throw new HttpError(404, `no trigger ${triggerName ?? ''} on ${name}`);
    const event = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date(this.cloud.clock.now()).toISOString(),
      Message: '',
    };
    return this.invoke(env, name, event, { source: 'wx_timer' });
  }

  /** Runs cron triggers on their schedule against the emulator clock (npm start). */
  startTimers(envs: string[] = ['local-env']): void {
    this.stopTimers();
    this.timer = setInterval(() => {
      const now = this.cloud.clock.now();
      for (const fn of this.list()) {
        let triggers: NonNullable<FunctionConfig['triggers']>;
        try {
          triggers = this.config(fn).triggers ?? [];
        } catch (err) {
          console.error(`[timer ${fn}] ${(err as Error).message}`);
          continue;
        }
        for (const trigger of triggers) {
          if (trigger.type !== 'timer') continue;
          const key = `${fn}/${trigger.name}`;
          const due = this.nextFire.get(key) ?? nextFireTime(trigger.config, now);
          if (now < due) {
            this.nextFire.set(key, due);
            continue;
          }
          this.nextFire.set(key, nextFireTime(trigger.config, now));
          for (const env of envs) {
            this.fireTrigger(env, fn, trigger.name).catch((err: Error) =>
              console.error(`[timer ${key}] ${err.message}`),
            );
          }
        }
      }
    }, 1000);
    this.timer.unref();
  }

  stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.nextFire.clear();
  }

  logs(functionName?: string): InvocationLog[] {
    return this.recent.filter((l) => !functionName || l.functionName === functionName);
  }

  reset(): void {
    this.recent.length = 0;
  }

  async stopAll(): Promise<void> {
    this.stopTimers();
    for (const pool of this.pools.values()) for (const i of pool) i.child.kill('SIGKILL');
    this.pools.clear();
  }

  private record(log: InvocationLog): void {
    this.recent.push(log);
    if (this.recent.length > 500) this.recent.shift();
  }

  private async acquire(env: string, name: string): Promise<Instance> {
    const key = `${env}/${name}`;
    const pool = this.pools.get(key) ?? [];
    this.pools.set(key, pool);
    for (;;) {
      const idle = pool.find((i) => !i.busy && i.child.exitCode === null && !i.child.killed);
      if (idle) {
        idle.busy = true;
        await idle.ready;
        return idle;
      }
      if (pool.length < this.maxInstances) {
        const instance = this.spawn(env, name);
        instance.busy = true;
        pool.push(instance);
        await instance.ready;
        return instance;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    }
  }

  private release(env: string, name: string, instance: Instance): void {
    const key = `${env}/${name}`;
    instance.busy = false;
    instance.onResult = undefined;
    const pool = this.pools.get(key) ?? [];
    if (instance.child.killed || instance.child.exitCode !== null) pool.splice(pool.indexOf(instance), 1);
    this.waiting.get(key)?.shift()?.();
  }

  private spawn(env: string, name: string): Instance {
    const child = fork(workerPath, [], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TZ: 'UTC', // cloud functions run in UTC
        LOCALCLOUD_BUNDLE: path.join(this.functionsDir, name, 'index.js'),
        ...functionEnv(this.cloud.options.functionEnv),
        ...sdkEnv({ url: this.cloud.baseUrl, env }),
      },
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const instance: Instance = { child, busy: false, ready: Promise.resolve(), log: [] };
    instance.ready = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.on('message', (msg: { type: string } & WorkerResult) => {
        if (msg.type === 'ready') resolve();
        else if (msg.type === 'result') instance.onResult?.(msg);
      });
      child.once('exit', (code) => {
        reject(new Error(`function ${name} exited with ${code}`));
        instance.onResult?.({ ok: false, error: { message: `function instance exited (${code})` }, ms: 0 });
      });
    });
    instance.ready.catch(() => undefined);
    const capture = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        instance.log.push(line);
        if (this.cloud.options.verbose) console.log(`[${name}] ${line}`);
      }
    };
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    return instance;
  }
}

/** The event: a JSON object (an empty body is {}); anything else is the caller's mistake, said plainly. */
function parseEvent(body: Buffer): Record<string, unknown> {
  if (!body.length) return {};
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `the body must be a JSON object such as {"action":"…"}: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new HttpError(400, 'the body must be a JSON object such as {"action":"…"}, not ' + JSON.stringify(data));
  }
  return data as Record<string, unknown>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

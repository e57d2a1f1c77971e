import { Clock } from './clock';
import { Faults } from './faults';
import type { ActionHandler, Invocation, Service } from './types';
import { DatabaseService } from './db/service';
import { StorageService } from './storage/service';
import { OpenApiService } from './openapi/service';
import { PayService } from './pay/service';
import { FunctionService } from './functions/service';

export interface LocalCloudOptions {
  /** Folder for persistence; without it everything lives in memory. */
  dataDir?: string;
  /** Folder of built function bundles (dist/cloudfunctions). */
  functionsDir?: string;
  /** Base URL the server is reachable at, set once listening. */
  baseUrl?: string;
  /** Run cron triggers on their schedule (npm start); tests fire them by hand. */
  timers?: boolean;
  /** APPID the functions see. */
  appid?: string;
  /** Write function logs to the console as well. */
  verbose?: boolean;
  /**
   * Environment variables of every function, over the development values of
   * functions/dev-env.ts (an empty string unsets one).
   */
  functionEnv?: Record<string, string>;
  /**
   * Accepted refunds complete by themselves after this many milliseconds, as WeChat
   * Pay's refund notice would (npm start); without it they wait for simulateRefund.
   */
  refundDelayMs?: number;
  /**
   * security.mediaCheckAsync verdicts are pushed by themselves after this many milliseconds (npm
   * start); without it they wait for openapi.deliverMediaChecks (tests).
   */
  mediaCheckDelayMs?: number;
  /** Message push callbacks (云开发 消息推送); default cloudfunctions/message-push.json when it exists. */
  messagePush?: Array<{ msgType: string; event: string; functionName: string }>;
  /** Database index definitions (default: database/indexes.json if it exists; false: none). */
  indexesFile?: string | false;
}

/**
 * The whole local cloud: every service, the clock and the faults. The HTTP
 * server (server.ts) is a thin shell around `handle`.
 */
export class LocalCloud {
  readonly clock = new Clock();
  readonly faults = new Faults();
  readonly db: DatabaseService;
  readonly storage: StorageService;
  readonly openapi: OpenApiService;
  readonly pay: PayService;
  readonly functions: FunctionService;
  private readonly handlers = new Map<string, ActionHandler>();
  private readonly invocations = new Map<string, Invocation>();
  baseUrl = '';
  /** Requests to /admin by action and by calling function, for benchmarks (round trips per operation). */
  readonly stats = { requests: 0, byAction: new Map<string, number>(), byFunction: new Map<string, number>() };

  constructor(readonly options: LocalCloudOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.db = new DatabaseService(this);
    this.storage = new StorageService(this);
    this.openapi = new OpenApiService(this);
    this.pay = new PayService(this);
    this.functions = new FunctionService(this);
    for (const service of this.services()) {
      for (const [name, handler] of Object.entries(service.actions())) this.handlers.set(name, handler);
    }
  }

  services(): Service[] {
    return [this.db, this.storage, this.openapi, this.pay, this.functions];
  }

  handler(action: string): ActionHandler | undefined {
    return this.handlers.get(action);
  }

  /** Invocations register here so requests carrying their token are attributed to them. */
  beginInvocation(invocation: Invocation): void {
    this.invocations.set(invocation.token, invocation);
  }
  endInvocation(token: string): void {
    this.invocations.delete(token);
  }
  invocation(token: string | undefined): Invocation | undefined {
    return token ? this.invocations.get(token) : undefined;
  }

  countRequest(action: string, invocation?: Invocation): void {
    this.stats.requests++;
    this.stats.byAction.set(action, (this.stats.byAction.get(action) ?? 0) + 1);
    const fn = invocation?.functionName ?? '(outside)';
    this.stats.byFunction.set(fn, (this.stats.byFunction.get(fn) ?? 0) + 1);
  }

  resetStats(): void {
    this.stats.requests = 0;
    this.stats.byAction.clear();
    this.stats.byFunction.clear();
  }

  async reset(): Promise<void> {
    this.resetStats();
    this.clock.reset();
    this.faults.clear();
    for (const service of this.services()) await service.reset();
  }

  async close(): Promise<void> {
    for (const service of this.services()) await service.close?.();
  }
}

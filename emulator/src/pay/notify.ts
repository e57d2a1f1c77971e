import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../cloud';
import { HttpError } from '../types';
import type { PayStore } from './store';
import type { PayNotice, SimulateOptions } from './types';

type Invoke = (env: string, name: string, event: unknown, opts: { source: string }) => Promise<unknown>;

/** Where a notice goes and what it says. */
export interface NoticeTarget {
  env: string;
  kind: PayNotice['kind'];
  /** outTradeNo for payments, outRefundNo for refunds. */
  ref: string;
  envId: string;
  functionName: string;
  event: Record<string, unknown>;
}

/**
 * WeChat Pay's notifications to callback functions: once, duplicated (one after the
 * other or concurrently) or queued for later; each delivery retried until the function
 * answers {errcode: 0}.
 */
export class Notifier {
  /** Attempts per delivery before a notice is marked failed (WeChat Pay keeps retrying for ~2 days). */
  maxAttempts = 3;
  private seq = 0;

  constructor(
    private readonly cloud: LocalCloud,
    private readonly store: PayStore,
  ) {}

  async notify(target: NoticeTarget, opts: Pick<SimulateOptions, 'mode' | 'times' | 'parallel'>): Promise<PayNotice[]> {
    const mode = opts.mode ?? 'normal';
    const count = mode === 'duplicate' ? Math.max(2, opts.times ?? 2) : 1;
    const notices: PayNotice[] = [];
    for (let i = 0; i < count; i++) {
      const notice: PayNotice = {
        id: `notice-${++this.seq}-${randomUUID().slice(0, 8)}`,
        ...target,
        event: structuredClone(target.event),
        status: 'pending',
        createdAt: this.cloud.clock.now(),
        attempts: [],
      };
      this.store.addNotice(notice);
      notices.push(notice);
    }
    if (mode === 'delayed') return notices;
    if (opts.parallel) await Promise.all(notices.map((n) => this.attempt(n)));
    else for (const n of notices) await this.attempt(n);
    return notices;
  }

  pending(env: string): PayNotice[] {
    return this.store.listNotices(env).filter((n) => n.status === 'pending');
  }

  /** Deliver a queued (or failed) notice now; deliver notices in any order to test out-of-order arrival. */
  async deliver(noticeId: string): Promise<PayNotice> {
    const notice = this.store.notice(noticeId);
    if (!notice) throw new HttpError(404, `no notice ${noticeId}: GET /__localcloud/pay/notices?env=<env> lists them`);
    await this.attempt(notice);
    return notice;
  }

  /** Deliver every pending notice of an env, oldest first (or newest first). */
  async deliverAll(env: string, order: 'oldest' | 'newest' = 'oldest'): Promise<PayNotice[]> {
    const pending = this.pending(env);
    if (order === 'newest') pending.reverse();
    for (const n of pending) await this.attempt(n);
    return pending;
  }

  /** One delivery: call the function until it answers {errcode: 0}, at most maxAttempts times. */
  private async attempt(notice: PayNotice): Promise<void> {
    const invoke = (this.cloud.functions as unknown as { invoke?: Invoke }).invoke;
    for (let i = 0; i < this.maxAttempts; i++) {
      const at = this.cloud.clock.now();
      try {
        if (typeof invoke !== 'function') throw new Error('function runner has no invoke()');
        const result = await invoke.call(
          this.cloud.functions,
          notice.envId,
          notice.functionName,
          structuredClone(notice.event),
          { source: 'wxpay' },
        );
        const ok = !!result && typeof result === 'object' && (result as { errcode?: unknown }).errcode === 0;
        notice.attempts.push({ at, ok, result });
        if (ok) {
          notice.status = 'delivered';
          return;
        }
      } catch (err) {
        notice.attempts.push({ at, ok: false, error: String((err as Error)?.message ?? err) });
      }
    }
    notice.status = 'failed';
  }
}

import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { config } from '../config';
import { notifyService, type SubscribeAnswer } from '../services/notify';
import type { NoticeKind } from '../../typings/leader';

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];
/** What one wx.requestSubscribeMessage takes. */
const MAX_IDS = 3;

/**
 * 订阅消息 consents. The template ids are the server's (notify.templates: every
 * template the system sends, typings/notices.ts, '' when not configured),
 * fetched ahead (the app, checkout and order pages load them), because WeChat
 * shows the consent sheet only when wx.requestSubscribeMessage is called
 * synchronously inside a tap: there is no time to ask the server then. Each
 * accept is reported back (one consent = one message the system may send).
 */
export class NoticeStore {
  /** Null until loaded (or when loading failed: nothing is asked then). */
  templates: Record<NoticeKind, string> | null = null;
  /** The resident's consents left per template id. */
  remaining: Record<string, number> = {};
  private loading: Promise<void> | null = null;

  constructor() {
    makeAutoObservable<NoticeStore, 'loading'>(this, { loading: false });
  }

  /** The configured ids, in the server's order (at most 3). */
  get ids(): string[] {
    return this.templates ? Object.values(this.templates).filter(Boolean).slice(0, MAX_IDS) : [];
  }

  /** Some configured template has no consent left: worth offering 订阅通知. */
  get wantsConsent(): boolean {
    return this.ids.some((id) => !(this.remaining[id] > 0));
  }

  /** Fetches the ids once (again after a failure); never throws: consent never blocks shopping. */
  load(): Promise<void> {
    if (this.templates) return Promise.resolve();
    this.loading ??= notifyService
      .templates()
      .then((r) =>
        runInAction(() => {
          this.templates = r.templates;
          this.remaining = r.remaining;
        }),
      )
      .catch((err) => console.warn('notify.templates failed', err))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Asks for every configured template in one sheet. Call it straight from the
   * tap handler (no await before it). Resolves once the answer is recorded, or
   * at once when there is nothing to ask; a refusal or failure never blocks.
   */
  ask(): Promise<void> {
    const tmplIds = this.ids;
    if (!tmplIds.length) {
      void this.load();
      return Promise.resolve();
    }
    return new Promise<Record<string, unknown> | null>((resolve) => {
      if (config.mode === 'local') return void localSubscribe(tmplIds).then(resolve);
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res: Record<string, unknown>) => resolve(res),
        fail: () => resolve(null),
      } as WechatMiniprogram.RequestSubscribeMessageOption);
    }).then((answer) => (answer ? this.record(answer, tmplIds) : undefined));
  }

  /** Tells the backend what the sheet answered for these ids; failures are only logged. */
  async record(answer: Record<string, unknown>, tmplIds: string[]): Promise<void> {
    const results: Record<string, SubscribeAnswer> = {};
    for (const id of tmplIds) {
      const value = answer[id];
      if (typeof value === 'string' && ANSWERS.includes(value)) results[id] = value as SubscribeAnswer;
    }
    if (!Object.keys(results).length) return;
    try {
      const { remaining } = await notifyService.recordSubscriptions(results);
      runInAction(() => (this.remaining = { ...this.remaining, ...remaining }));
    } catch (err) {
      console.warn('notify.recordSubscriptions failed', err);
    }
  }
}

/**
 * Local mode: WeChat knows no local template ids, so the local cloud's gateway
 * plays the consent sheet (POST /client/subscribe records WeChat's side of the
 * consent and answers like the success callback).
 */
function localSubscribe(tmplIds: string[]): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    wx.request({
      url: `${config.gatewayUrl}/client/subscribe?env=${encodeURIComponent(config.env || 'local-env')}`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'X-WX-OPENID': config.localOpenid },
      data: { tmplIds },
      success: (res) => resolve(res.statusCode === 200 ? (res.data as Record<string, unknown>) : null),
      fail: () => resolve(null),
    });
  });
}

export const noticeStore = new NoticeStore();

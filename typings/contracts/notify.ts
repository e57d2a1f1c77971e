import * as z from 'zod/mini';
import type { NoticeKind, RecordSubscriptionsResult } from '../leader';
import { contract, label, type Input } from './define';

/**
 * The id of every template the system sends (typings/notices.ts), by kind: '' when
 * none is configured (not asked for). At most 3, what one wx.requestSubscribeMessage
 * takes. `remaining`: the caller's consents left per configured id.
 */
export interface TemplatesResult {
  templates: Record<NoticeKind, string>;
  remaining: Record<string, number>;
}

/**
 * notify: residents report what wx.requestSubscribeMessage answered, so the
 * backend knows how many one-time consents each user has left per template.
 */
export const notify = {
  templates: contract(() => z.object({})).answers<TemplatesResult>(),
  /** Each 'accept' adds one consent. */
  recordSubscriptions: contract(() =>
    z.object({
      results: label(
        z
          .record(
            z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '格式不正确')),
            label(z.enum(['accept', 'reject', 'ban', 'filter']), '订阅结果'),
          )
          .check(
            z.refine((r) => Object.keys(r).length >= 1, '订阅消息模板不能为空'),
            z.refine((r) => Object.keys(r).length <= 3, '一次最多订阅 3 个模板'),
          ),
        '订阅消息模板',
      ),
    }),
  ).answers<RecordSubscriptionsResult>(),
};

export type SubscribeAnswer = Input<typeof notify.recordSubscriptions>['results'][string];

import { z } from 'zod';
import type { NoticeKind, RecordSubscriptionsResult } from '../leader';
import { contract, type Input } from './define';

/** The template ids to pass to wx.requestSubscribeMessage (≤ 3 at once), and the caller's consents left per id. */
export interface TemplatesResult {
  templates: Record<NoticeKind, string>;
  remaining: Record<string, number>;
}

/**
 * notify: residents report what wx.requestSubscribeMessage answered, so the
 * backend knows how many one-time consents each user has left per template.
 */
export const notify = {
  templates: contract(z.object({})).answers<TemplatesResult>(),
  /** Each 'accept' adds one consent. */
  recordSubscriptions: contract(
    z.object({
      results: z
        .record(
          z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '格式不正确'),
          z.enum(['accept', 'reject', 'ban', 'filter']).meta({ label: '订阅结果' }),
        )
        .refine((r) => Object.keys(r).length >= 1, '订阅消息模板不能为空')
        .refine((r) => Object.keys(r).length <= 3, '一次最多订阅 3 个模板')
        .meta({ label: '订阅消息模板' }),
    }),
  ).answers<RecordSubscriptionsResult>(),
};

export type SubscribeAnswer = Input<typeof notify.recordSubscriptions>['results'][string];

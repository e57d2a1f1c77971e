import { z } from 'zod';
import { requireOpenid } from '../core/infra/auth';
import { action } from '../core/infra/handler';
import { recordSubscriptions, remainingConsents, templateIds } from '../core/usecases/leader/notices';

/**
 * notify: residents report what wx.requestSubscribeMessage answered, so the
 * backend knows how many one-time consents each user has left per template.
 */
export const notifyActions = {
  /** The template ids to pass to wx.requestSubscribeMessage (≤ 3 at once), and the caller's consents left. */
  templates: action(z.object({}), async (_input, ctx) => {
    const openid = requireOpenid(ctx);
    const ids = await templateIds();
    return { templates: ids, remaining: await remainingConsents(openid, Object.values(ids)) };
  }),
  recordSubscriptions: action(
    z.object({
      results: z
        .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.enum(['accept', 'reject', 'ban', 'filter']))
        .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 3, '一次最多3个模板'),
    }),
    async ({ results }, ctx) => recordSubscriptions(requireOpenid(ctx), results),
  ),
};

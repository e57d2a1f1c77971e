import type { notify } from '../../typings/contracts/notify';
import { requireOpenid } from '../core/infra/auth';
import type { ActionTable } from '../core/infra/handler';
import { recordSubscriptions, remainingConsents, templateIds } from '../core/usecases/leader/notices';

/**
 * notify: residents report what wx.requestSubscribeMessage answered, so the
 * backend knows how many one-time consents each user has left per template.
 */
export const notifyActions: ActionTable<typeof notify> = {
  templates: async (_input, ctx) => {
    const openid = requireOpenid(ctx);
    const ids = await templateIds();
    return { templates: ids, remaining: await remainingConsents(openid, Object.values(ids)) };
  },
  recordSubscriptions: async ({ results }, ctx) => recordSubscriptions(requireOpenid(ctx), results),
};

import type { notify } from '../../typings/contracts/notify';
import { requireOpenid } from '../core/infra/auth';
import type { ActionTable } from '../core/infra/handler';
import { configuredTemplateIds, recordSubscriptions, remainingConsents } from '../core/usecases/leader/notices';

/**
 * notify: residents report what wx.requestSubscribeMessage answered, so the
 * backend knows how many one-time consents each user has left per template.
 */
export const notifyActions: ActionTable<typeof notify> = {
  /** Every template the system sends, '' for one not configured (the mini-program skips it: nothing asks consent for what cannot be sent). */
  templates: async (_input, ctx) => {
    const openid = requireOpenid(ctx);
    const ids = await configuredTemplateIds();
    return { templates: ids, remaining: await remainingConsents(openid, Object.values(ids).filter(Boolean)) };
  },
  recordSubscriptions: async ({ results }, ctx) => recordSubscriptions(requireOpenid(ctx), results),
};

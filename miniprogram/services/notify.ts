import { callFunction } from '../lib/transport';
import type { SubscribeAnswer } from '../../typings/contracts/notify';

export type { SubscribeAnswer };

/** The `notify` cloud function: subscribe-message consents (one pickup notice per 'accept'). */
export const notifyService = {
  templates: () => callFunction('notify', 'templates', {}),
  recordSubscriptions: (results: Record<string, SubscribeAnswer>) =>
    callFunction('notify', 'recordSubscriptions', { results }),
};

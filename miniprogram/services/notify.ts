import { callFunction } from '../lib/transport';

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/** The `notify` cloud function: subscribe-message consents (one pickup notice per 'accept'). */
export const notifyService = {
  templates: () => callFunction('notify', 'templates', {}),
  recordSubscriptions: (results: Record<string, SubscribeAnswer>) =>
    callFunction('notify', 'recordSubscriptions', { results }),
};

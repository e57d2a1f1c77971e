import type { SubscriptionRecord } from '../../../typings/leader';
import { cmd, collection } from './db';

/** One-time subscribe-message consents per user and template (collection subscriptions, _id `<openid>|<templateId>`). */
const subscriptions = () => collection('subscriptions');

export const subscriptionId = (openid: string, templateId: string) => `${openid}|${templateId}`;

/** Takes one consent if one is left (a guarded decrement): false when none is. */
export async function takeConsent(id: string, at: Date): Promise<boolean> {
  return (
    (await subscriptions().update({ _id: id, remaining: cmd.gte(1) }, { remaining: cmd.inc(-1), updatedAt: at })) > 0
  );
}

/** Gives a consent back (a send that failed for another reason than the user's refusal). */
export async function giveBackConsent(id: string, at: Date): Promise<void> {
  await subscriptions().update({ _id: id }, { remaining: cmd.inc(1), updatedAt: at });
}

/** WeChat says the user has no consent: none is counted any more. */
export async function dropConsents(id: string, at: Date): Promise<void> {
  await subscriptions().update({ _id: id }, { remaining: 0, updatedAt: at });
}

/** One more consent for the user and template, creating the counter on the first one. */
export async function addConsent(openid: string, templateId: string, at: Date): Promise<void> {
  const _id = subscriptionId(openid, templateId);
  const inc = async () => (await subscriptions().update({ _id }, { remaining: cmd.inc(1), updatedAt: at })) > 0;
  if (await inc()) return;
  if (await subscriptions().insertOnce({ _id, openid, templateId, remaining: 1, updatedAt: at })) return;
  await inc(); // a parallel report created it first
}

export const consentsOf = (openid: string, templateIds: string[]): Promise<SubscriptionRecord[]> =>
  subscriptions().find({ _id: cmd.in(templateIds.map((t) => subscriptionId(openid, t))) }, { limit: 100 });

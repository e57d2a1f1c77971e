import type { NoShowSettings, NotifySettings } from '../../../typings/leader';
import { col, findById } from '../infra/pay-store';

/**
 * Collections of the leader area (database/collections.json lists them too).
 * Orders, users, leaders and points are read through repos/collections.ts;
 * these are written only by the leader, notify and admin functions.
 */
export const LC = {
  applications: 'leaderApplications',
  arrivals: 'arrivals',
  chargebacks: 'chargebacks',
  notices: 'notices',
  subscriptions: 'subscriptions',
  settings: 'settings',
  trainings: 'trainings',
} as const;

export { col, findById };

export const DEFAULT_NO_SHOW: Omit<NoShowSettings, '_id'> = { action: 'keep', graceHours: 24, remindHoursBefore: 4 };

export async function noShowSettings(): Promise<NoShowSettings> {
  const doc = await findById<NoShowSettings>(LC.settings, 'noShow');
  return { _id: 'noShow', ...DEFAULT_NO_SHOW, ...(doc ?? {}) };
}

/** Template ids by purpose, kept by the console (admin settings.save, settings doc 'messageTemplates'). */
export async function notifySettings(): Promise<NotifySettings> {
  return (await findById<NotifySettings>(LC.settings, 'messageTemplates')) ?? { _id: 'messageTemplates' };
}

/** The last 4 digits of a phone, never more. */
export const phoneTail = (phone?: string): string => (phone && phone.length >= 4 ? phone.slice(-4) : '');

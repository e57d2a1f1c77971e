import type { settings } from '../../typings/contracts/admin/settings';
import type { ActionTable } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { now } from '../core/infra/clock';
import { requireAdmin } from '../core/usecases/admin/access';
import {
  getSettings,
  saveCouponRules,
  saveHomeBanners,
  saveNoShowRule,
  savePoints,
  saveSettings,
} from '../core/usecases/admin/settings';
import { saveReferral } from '../core/usecases/referral/settings';

export const settingsActions: ActionTable<typeof settings> = {
  'settings.get': async (_input, ctx) => {
    await requireAdmin(ctx);
    return getSettings();
  },
  'settings.save': async (input, ctx) => {
    await requireAdmin(ctx);
    return saveSettings(input);
  },
  'settings.banners': async (input, ctx) => {
    await requireAdmin(ctx);
    return saveHomeBanners(input);
  },
  'settings.points': async (input, ctx) => {
    await requireAdmin(ctx);
    return savePoints(input);
  },
  'settings.referral': async (input, ctx) => {
    await requireAdmin(ctx);
    await saveReferral(input, now());
    return getSettings();
  },
  'settings.coupons': async (input, ctx) => {
    await requireAdmin(ctx);
    return saveCouponRules(input);
  },
  'settings.noShow': async (input, ctx) => saveNoShowRule(input, (await requireRole(ctx, 'admin'))._id),
};

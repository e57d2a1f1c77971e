import type { settings } from '../../typings/contracts/admin/settings';
import type { ActionTable } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { requireAdmin } from '../core/usecases/admin/access';
import {
  getSettings,
  saveHomeBanners,
  saveNoShowRule,
  savePoints,
  saveSettings,
} from '../core/usecases/admin/settings';

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
  'settings.noShow': async (input, ctx) => saveNoShowRule(input, (await requireRole(ctx, 'admin'))._id),
};

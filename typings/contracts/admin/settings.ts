import { z } from 'zod';
import type { NoShowAction } from '../../leader';
import { contract, type Parsed } from '../define';
import { lngLat, text } from '../shapes';

export interface Warehouse {
  name: string;
  address?: string;
  /** [longitude, latitude] */
  location: [number, number];
}

/**
 * What to do with goods nobody picked up (typings/leader.ts NoShowSettings):
 * `rule` (never `action`, which names the action of every call) applies
 * `graceHours` after the pickup day ends; a reminder goes `remindHoursBefore` it.
 */
export interface NoShowRule {
  rule: NoShowAction;
  graceHours: number;
  remindHoursBefore: number;
}

/** Everything the console's 设置 page edits, as saved or else the defaults. */
export interface AdminSettings {
  /** Subscribe-message template ids by purpose: e.g. pickupReady, orderPaid, refund, afterSale. */
  templates: Record<string, string>;
  /** Where delivery routes start; null until set (routes then start at the points' centre). */
  warehouse: Warehouse | null;
  /** Default when never saved: keep, 24 hours, remind 4 hours before. */
  noShow: NoShowRule;
}

/** The console's settings (commission settings have their own actions, admin/commissions.ts). */
export const settings = {
  'settings.get': contract(z.object({})).answers<AdminSettings>(),
  'settings.save': contract(
    z.object({
      /** Keys [A-Za-z0-9_]{1,32}; '' removes. Merged into the stored ids. */
      templates: z
        .record(
          z.string().regex(/^[A-Za-z0-9_]{1,32}$/, '格式不正确'),
          z.string().trim().max(128).meta({ label: '模板 ID' }),
        )
        .refine((t) => Object.keys(t).length <= 20, '最多 20 个模板')
        .meta({ label: '消息模板' })
        .optional(),
      warehouse: z
        .object({
          name: text(40).meta({ label: '仓库名称' }),
          address: z.string().trim().max(100).meta({ label: '仓库地址' }).optional(),
          location: lngLat.meta({ label: '仓库位置' }),
        })
        .meta({ label: '仓库' })
        .optional(),
    }),
  ).answers<AdminSettings>(),
  'settings.noShow': contract(
    z.object({
      rule: z.enum(['keep', 'restock', 'refund']).meta({ label: '处理方式' }),
      graceHours: z.number().int().min(0).max(168).meta({ label: '宽限时间' }),
      /** Kept as saved when left out. */
      remindHoursBefore: z.number().int().min(0).max(24).meta({ label: '提前提醒时间' }).optional(),
    }),
  ).answers<AdminSettings>(),
};

export type SettingsSaveInput = Parsed<(typeof settings)['settings.save']>;
export type NoShowRuleInput = Parsed<(typeof settings)['settings.noShow']>;

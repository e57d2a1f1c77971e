import { z } from 'zod';
import type { NoShowAction, NoticeKind } from '../../leader';
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

/**
 * The subscribe messages the system sends, by the settings key their template id
 * is saved under: the console lists exactly these, the functions send them
 * (leader/notices templateIds) and the mini-program asks consent for the ids
 * notify.templates answers from them. `devId` is sent with when none is saved
 * (and no env var is set): fine in the local cloud, refused by WeChat.
 */
export const MESSAGE_TEMPLATES = {
  pickupReady: { kind: 'pickup', label: '到货取货通知', when: '团长确认到货后发给该自提点的居民', devId: 'TPL_PICKUP' },
  pickupReminder: {
    kind: 'reminder',
    label: '取货提醒',
    when: '未提货处理前提醒还没取货的居民',
    devId: 'TPL_PICKUP_REMINDER',
  },
} as const satisfies Record<string, { kind: NoticeKind; label: string; when: string; devId: string }>;
export type TemplateKey = keyof typeof MESSAGE_TEMPLATES;

/** Everything the console's 设置 page edits, as saved or else the defaults. */
export interface AdminSettings {
  /** Subscribe-message template ids as saved, by MESSAGE_TEMPLATES key. */
  templates: Record<string, string>;
  /** The id each message is sent with now: the saved one, else the deployment's env var or the development id. */
  sending: Record<TemplateKey, string>;
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
      /** Only MESSAGE_TEMPLATES keys (a template nothing sends is a mistake); '' removes. Merged into the stored ids. */
      templates: z
        .partialRecord(
          z.enum(Object.keys(MESSAGE_TEMPLATES) as [TemplateKey, ...TemplateKey[]]),
          z.string().trim().max(128).meta({ label: '模板 ID' }),
        )
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

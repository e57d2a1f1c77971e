import * as z from 'zod/mini';
import { BANNER_PAGES, BANNERS_MAX, type Banner, type BannerPage } from '../../banners';
import type { CouponSettings } from '../../coupons';
import type { NoShowAction } from '../../leader';
import { REDEEM_RATES, type PointsSettings } from '../../points';
import { REFERRAL_CAP_MAX, REFERRAL_POINTS_MAX, type ReferralSettings } from '../../referral';
import { MESSAGE_TEMPLATES, type TemplateKey } from '../../notices';
import { contract, label, type Parsed } from '../define';
import { fen, id, image, lngLat, text } from '../shapes';

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

/** The subscribe messages the system sends: one list (typings/notices.ts), re-exported for the console's pages. */
export { MESSAGE_TEMPLATES, type TemplateKey };

/** Everything the console's 设置 page edits, as saved or else the defaults. */
export interface AdminSettings {
  /** Subscribe-message template ids as saved, by MESSAGE_TEMPLATES key. */
  templates: Record<string, string>;
  /** The id each message is sent with now: the saved one, else the deployment's env var; '' when neither (it cannot be sent: MISCONFIGURED). */
  sending: Record<TemplateKey, string>;
  /** Where delivery routes start; null until set (routes then start at the points' centre). */
  warehouse: Warehouse | null;
  /** Default when never saved: keep, 24 hours, remind 4 hours before. */
  noShow: NoShowRule;
  /** 首页轮播图 in their order, shown or not; [] when none. */
  banners: Banner[];
  /** 积分与会员 as saved, else typings/points.ts DEFAULT_POINTS_SETTINGS. */
  points: PointsSettings;
  /** 邀请有礼; off, no coupons and 20 a month when never saved. */
  referral: ReferralSettings;
  /** 团长券 budget and stacking (default 0 = leaders create none, one coupon per order). */
  coupons: CouponSettings;
}

/** The console's settings (commission settings have their own actions, admin/commissions.ts). */
export const settings = {
  'settings.get': contract(() => z.object({})).answers<AdminSettings>(),
  'settings.save': contract(() =>
    z.object({
      /** Only MESSAGE_TEMPLATES keys (a template nothing sends is a mistake); '' removes. Merged into the stored ids. */
      templates: z.optional(
        label(
          z.partialRecord(
            z.enum(Object.keys(MESSAGE_TEMPLATES) as [TemplateKey, ...TemplateKey[]]),
            label(z.string().check(z.trim(), z.maxLength(128)), '模板 ID'),
          ),
          '消息模板',
        ),
      ),
      warehouse: z.optional(
        label(
          z.object({
            name: label(text(40), '仓库名称'),
            address: z.optional(label(z.string().check(z.trim(), z.maxLength(100)), '仓库地址')),
            location: label(lngLat, '仓库位置'),
          }),
          '仓库',
        ),
      ),
    }),
  ).answers<AdminSettings>(),
  'settings.noShow': contract(() =>
    z.object({
      rule: label(z.enum(['keep', 'restock', 'refund']), '处理方式'),
      graceHours: label(z.int().check(z.gte(0), z.lte(168)), '宽限时间'),
      /** Kept as saved when left out. */
      remindHoursBefore: z.optional(label(z.int().check(z.gte(0), z.lte(24)), '提前提醒时间')),
    }),
  ).answers<AdminSettings>(),
  /** 优惠券: what a leader may put into 团长券 per month (fen, 0 = none) and whether a platform coupon and a 团长券 stack. */
  'settings.coupons': contract(() =>
    z.object({
      leaderMonthlyBudgetFen: label(fen, '团长每月优惠券额度'),
      stacking: label(z.boolean(), '允许叠加使用'),
    }),
  ).answers<AdminSettings>(),
  /** 首页轮播图: the whole list in the order shown; an item link must name a product on sale. */
  'settings.banners': contract(() =>
    z.object({
      banners: label(
        z
          .array(
            z.object({
              image: label(image, '轮播图图片'),
              link: z.optional(
                label(
                  z.discriminatedUnion('kind', [
                    z.object({ kind: label(z.literal('item'), '链接类型'), productId: label(id, '链接商品') }),
                    z.object({
                      kind: label(z.literal('page'), '链接类型'),
                      page: label(z.enum(Object.keys(BANNER_PAGES) as [BannerPage, ...BannerPage[]]), '链接页面'),
                    }),
                  ]),
                  '轮播图链接',
                ),
              ),
              enabled: label(z.boolean(), '是否展示'),
            }),
          )
          .check(z.maxLength(BANNERS_MAX)),
        '轮播图',
      ),
    }),
  ).answers<AdminSettings>(),
  /** 积分与会员: the whole rule set (typings/points.ts); levels ascending from 0, each coupon must exist. */
  'settings.points': contract(() =>
    z.object({
      enabled: label(z.boolean(), '积分开关'),
      earnPerYuan: label(z.int().check(z.gte(0), z.lte(100)), '每元获得积分'),
      pointsPerYuan: label(z.literal(REDEEM_RATES), '抵扣比例'),
      maxPercent: label(z.int().check(z.gte(1), z.lte(100)), '抵扣上限'),
      reviewPoints: label(z.int().check(z.gte(0), z.lte(1000)), '评价积分'),
      levels: label(
        z
          .array(
            z.object({
              name: label(text(10), '等级名称'),
              minSpendFen: label(z.int().check(z.gte(0), z.lte(100_000_000)), '升级消费'),
              monthlyCouponId: label(z.string().check(z.trim(), z.maxLength(64)), '每月会员券'),
            }),
          )
          .check(
            z.minLength(1),
            z.maxLength(6),
            z.refine((ls) => ls[0]?.minSpendFen === 0, '第一个等级的升级消费必须为 0'),
            z.refine(
              (ls) => ls.every((l, i) => i === 0 || l.minSpendFen > ls[i - 1].minSpendFen),
              '等级的升级消费必须逐级升高',
            ),
          ),
        '会员等级',
      ),
    }),
  ).answers<AdminSettings>(),
  /** 邀请有礼, replaced whole: a named coupon must exist and not have expired; turning it on needs a coupon. */
  'settings.referral': contract(() =>
    z.object({
      enabled: label(z.boolean(), '是否开启'),
      referrerCouponId: label(z.nullable(id), '邀请人奖励'),
      inviteeCouponId: label(z.nullable(id), '新用户奖励'),
      /** Left out: 0 (no points). */
      referrerPoints: z.optional(label(z.int().check(z.gte(0), z.lte(REFERRAL_POINTS_MAX)), '邀请人积分')),
      inviteePoints: z.optional(label(z.int().check(z.gte(0), z.lte(REFERRAL_POINTS_MAX)), '新用户积分')),
      monthlyCap: label(z.int().check(z.gte(1), z.lte(REFERRAL_CAP_MAX)), '每月奖励上限'),
    }),
  ).answers<AdminSettings>(),
};

export type SettingsSaveInput = Parsed<(typeof settings)['settings.save']>;
export type NoShowRuleInput = Parsed<(typeof settings)['settings.noShow']>;
export type BannersInput = Parsed<(typeof settings)['settings.banners']>;
export type PointsSettingsInput = Parsed<(typeof settings)['settings.points']>;
export type ReferralSettingsInput = Parsed<(typeof settings)['settings.referral']>;
export type CouponSettingsInput = Parsed<(typeof settings)['settings.coupons']>;

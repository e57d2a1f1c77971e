import type { Banner } from '../../../typings/banners';
import type { SettlementPeriodKind } from '../../../typings/contracts/admin/settlement';
import type { CommissionSettings } from '../../../typings/commission';
import type { CouponSettings } from '../../../typings/coupons';
import type { NoShowSettings } from '../../../typings/leader';
import type { GeoPoint } from '../../../typings/models';
import { DEFAULT_POINTS_SETTINGS, type PointsSettings } from '../../../typings/points';
import { DEFAULT_REFERRAL_SETTINGS, type ReferralSettings } from '../../../typings/referral';
import { collection, geoPoint } from './db';
import type { Doc } from './registry';

/** Where delivery routes start (settings/warehouse): GeoJSON from the seed, the SDK's Geo.Point shape when saved. */
export interface WarehouseDoc {
  _id: 'warehouse';
  name: string;
  address?: string;
  location: GeoPoint | { longitude: number; latitude: number };
  updatedAt?: Date;
}

/** Subscribe-message template ids by notice kind (settings/messageTemplates). */
export interface TemplatesDoc {
  _id: 'messageTemplates';
  templates?: Record<string, string>;
  updatedAt?: Date;
}

/** Platform settings, one document per area; the other areas' documents are typed by their repositories. */
export type SettingsDoc = WarehouseDoc | TemplatesDoc | Doc;

const settings = () => collection('settings');
const read = (id: string) => settings().orNothing(() => settings().byId(id), undefined);

export async function warehouseDoc(): Promise<WarehouseDoc | undefined> {
  const doc = await read('warehouse');
  return doc?._id === 'warehouse' ? (doc as WarehouseDoc) : undefined;
}

export async function templatesDoc(): Promise<TemplatesDoc | undefined> {
  const doc = await read('messageTemplates');
  return doc?._id === 'messageTemplates' ? (doc as TemplatesDoc) : undefined;
}

export function saveWarehouse(w: { name: string; address?: string; location: [number, number] }, at: Date) {
  const doc: WarehouseDoc = {
    _id: 'warehouse',
    name: w.name,
    ...(w.address ? { address: w.address } : {}),
    location: geoPoint(w.location[0], w.location[1]),
    updatedAt: at,
  };
  return settings().creating(() => settings().set(doc));
}

export function saveTemplates(templates: Record<string, string>, at: Date) {
  const doc: TemplatesDoc = { _id: 'messageTemplates', templates, updatedAt: at };
  return settings().creating(() => settings().set(doc));
}

/** The commission rules (settings/commission), defaults for what was never set. */
export const DEFAULT_COMMISSION_SETTINGS: CommissionSettings = {
  settleDays: 7,
  tiers: [],
  newLeaderBonus: null,
  minWithdrawFen: 100,
};

export async function commissionSettings(): Promise<CommissionSettings> {
  const doc = (await read('commission')) as Partial<CommissionSettings> | undefined;
  return { ...DEFAULT_COMMISSION_SETTINGS, ...(doc ?? {}) } as CommissionSettings;
}

export function saveCommissionSettings(s: CommissionSettings, at: Date) {
  return settings().creating(() => settings().set({ ...s, _id: 'commission', updatedAt: at }));
}

/** The no-show rule (settings/noShow, typings/leader.ts NoShowSettings), defaults for what was never set. */
export const DEFAULT_NO_SHOW: Omit<NoShowSettings, '_id'> = { action: 'keep', graceHours: 24, remindHoursBefore: 4 };

export async function noShowSettings(): Promise<NoShowSettings> {
  const doc = (await read('noShow')) as Partial<NoShowSettings> | undefined;
  return { ...DEFAULT_NO_SHOW, ...(doc ?? {}), _id: 'noShow' };
}

export function saveNoShowSettings(s: NoShowSettings) {
  return settings().creating(() => settings().set({ ...s }));
}

/** How statements are cut (settings/settlement): by week unless the admin chose month. */
export async function settlementPeriodKind(): Promise<SettlementPeriodKind> {
  const doc = (await read('settlement')) as { kind?: SettlementPeriodKind } | undefined;
  return doc?.kind === 'month' ? 'month' : 'week';
}

export function saveSettlementPeriodKind(kind: SettlementPeriodKind, at: Date) {
  return settings().creating(() => settings().set({ _id: 'settlement', kind, updatedAt: at }));
}

/** 首页轮播图 (settings/banners), in their order; [] when never set. */
export async function banners(): Promise<Banner[]> {
  const doc = (await read('banners')) as { banners?: Banner[] } | undefined;
  return doc?.banners ?? [];
}

export function saveBanners(list: Banner[], at: Date) {
  return settings().creating(() => settings().set({ _id: 'banners', banners: list, updatedAt: at }));
}

/** 积分与会员 (settings/points, typings/points.ts), defaults for what was never set. */
export async function pointsSettings(): Promise<PointsSettings> {
  const doc = (await read('points')) as Partial<PointsSettings> | undefined;
  const { enabled, earnPerYuan, pointsPerYuan, maxPercent, reviewPoints, levels } = {
    ...DEFAULT_POINTS_SETTINGS,
    ...doc,
  };
  return { enabled, earnPerYuan, pointsPerYuan, maxPercent, reviewPoints, levels };
}

export function savePointsSettings(s: PointsSettings, at: Date) {
  return settings().creating(() => settings().set({ ...s, _id: 'points', updatedAt: at }));
}

/** 邀请有礼 (settings/referral), defaults for what was never set. */
export async function referralSettings(): Promise<ReferralSettings> {
  const doc = (await read('referral')) as Partial<ReferralSettings> | undefined;
  const { enabled, referrerCouponId, inviteeCouponId, referrerPoints, inviteePoints, monthlyCap } = {
    ...DEFAULT_REFERRAL_SETTINGS,
    ...(doc ?? {}),
  };
  return { enabled, referrerCouponId, inviteeCouponId, referrerPoints, inviteePoints, monthlyCap };
}

export function saveReferralSettings(s: ReferralSettings, at: Date) {
  return settings().creating(() => settings().set({ _id: 'referral', ...s, updatedAt: at }));
}

/** 设置 → 优惠券 (settings/coupons): no 团长券 and no stacking until the admin says otherwise. */
export const DEFAULT_COUPON_SETTINGS: CouponSettings = { leaderMonthlyBudgetFen: 0, stacking: false };

export async function couponSettings(): Promise<CouponSettings> {
  const doc = (await read('coupons')) as Partial<CouponSettings> | undefined;
  return {
    leaderMonthlyBudgetFen: doc?.leaderMonthlyBudgetFen ?? DEFAULT_COUPON_SETTINGS.leaderMonthlyBudgetFen,
    stacking: doc?.stacking ?? DEFAULT_COUPON_SETTINGS.stacking,
  };
}

export function saveCouponSettings(s: CouponSettings, at: Date) {
  return settings().creating(() => settings().set({ ...s, _id: 'coupons', updatedAt: at }));
}

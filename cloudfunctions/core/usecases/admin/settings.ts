import type { Banner } from '../../../../typings/banners';
import type {
  AdminSettings,
  BannersInput,
  CouponSettingsInput,
  NoShowRule,
  NoShowRuleInput,
  PointsSettingsInput,
  SettingsSaveInput,
  Warehouse,
} from '../../../../typings/contracts/admin/settings';
import { MESSAGE_TEMPLATES } from '../../../../typings/contracts/admin/settings';
import { now } from '../../infra/clock';
import { fail } from '../../domain/errors';
import { couponById } from '../../repos/coupons';
import { productsByIds } from '../../repos/products';
import {
  banners,
  couponSettings,
  noShowSettings,
  pointsSettings,
  referralSettings,
  saveCouponSettings,
  saveBanners,
  savePointsSettings,
  saveTemplates,
  saveWarehouse,
  templatesDoc,
  warehouseDoc,
  type WarehouseDoc,
} from '../../repos/settings';
import { configuredTemplateIds } from '../leader/notices';
import { setNoShowSettings } from '../leader/training';

/** [lng, lat] of a stored point (GeoJSON from the seed, or the SDK's Geo.Point shape). */
export function lngLatOf(loc: WarehouseDoc['location']): [number, number] {
  return 'coordinates' in loc ? [loc.coordinates[0], loc.coordinates[1]] : [loc.longitude, loc.latitude];
}

/** The warehouse routes start from, or null when none is set. */
export async function warehouse(): Promise<Warehouse | null> {
  const w = await warehouseDoc();
  return w?.location
    ? { name: w.name, ...(w.address ? { address: w.address } : {}), location: lngLatOf(w.location) }
    : null;
}

/** The no-show rule as the console edits it: `rule` there, `action` in the stored document. */
async function noShowRule(): Promise<NoShowRule> {
  const s = await noShowSettings();
  return { rule: s.action, graceHours: s.graceHours, remindHoursBefore: s.remindHoursBefore };
}

export async function getSettings(): Promise<AdminSettings> {
  const [t, w, noShow, ids, shown, points, referral, coupons] = await Promise.all([
    templatesDoc(),
    warehouse(),
    noShowRule(),
    configuredTemplateIds(),
    banners(),
    pointsSettings(),
    referralSettings(),
    couponSettings(),
  ]);
  const sending = Object.fromEntries(
    Object.entries(MESSAGE_TEMPLATES).map(([key, { kind }]) => [key, ids[kind]]),
  ) as AdminSettings['sending'];
  return { templates: t?.templates ?? {}, sending, warehouse: w, noShow, banners: shown, points, referral, coupons };
}

/** 积分与会员: saved whole once every level's monthly coupon exists (nothing saved otherwise). */
export async function savePoints(input: PointsSettingsInput): Promise<AdminSettings> {
  for (const level of input.levels) {
    if (level.monthlyCouponId && !(await couponById(level.monthlyCouponId)))
      throw fail.invalid(`${level.name}的每月会员券不存在`);
  }
  await savePointsSettings(input, now());
  return getSettings();
}

export async function saveNoShowRule(input: NoShowRuleInput, adminOpenid: string): Promise<AdminSettings> {
  const { rule, ...times } = input;
  await setNoShowSettings({ action: rule, ...times }, adminOpenid);
  return getSettings();
}

/** Templates merge key by key (an empty value removes one); the warehouse is replaced whole. */
export async function saveSettings(input: SettingsSaveInput): Promise<AdminSettings> {
  if (input.templates) {
    const templates = { ...(await templatesDoc())?.templates };
    for (const [key, value] of Object.entries(input.templates)) {
      if (value) templates[key] = value;
      else delete templates[key];
    }
    await saveTemplates(templates, now());
  }
  if (input.warehouse) await saveWarehouse(input.warehouse, now());
  return getSettings();
}

/**
 * 首页轮播图, replaced whole. An item link names a product on sale; its title is
 * the product's (for the console), whatever the client sent.
 */
export async function saveHomeBanners(input: BannersInput): Promise<AdminSettings> {
  const ids = input.banners.flatMap((b) => (b.link?.kind === 'item' ? [b.link.productId] : []));
  const products = await productsByIds(ids);
  const list: Banner[] = input.banners.map((b, i) => {
    const link = b.link;
    if (link?.kind !== 'item') return { image: b.image, ...(link ? { link } : {}), enabled: b.enabled };
    const product = products.get(link.productId);
    if (!product) throw fail.notFound(`第 ${i + 1} 张轮播图链接的商品`);
    if (product.status && product.status !== 'active')
      throw fail.state(`「${product.title}」未上架，不能作为轮播图链接`);
    return { image: b.image, link: { kind: 'item', productId: product._id, title: product.title }, enabled: b.enabled };
  });
  await saveBanners(list, now());
  return getSettings();
}

/** 优惠券 rules, replaced whole: a lower budget stops new 团长券 only (those created stand). */
export async function saveCouponRules(input: CouponSettingsInput): Promise<AdminSettings> {
  await saveCouponSettings(input, now());
  return getSettings();
}

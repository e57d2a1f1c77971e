/**
 * 商品信息 (issue 12, trust): what a product tells a resident besides its price —
 * 产地, 资质/检测报告, 保质期, 储存方式 and the platform's 坏品包赔 promise. The
 * limits and words live here once: the contract checks with them, the console's
 * form and the mini-program's item page show them.
 */
import type { StorageMode } from './models';

export const ORIGIN_MAX = 30;
export const SHELF_LIFE_MAX = 20;
export const STORAGE_NOTE_MAX = 40;
/** 资质/检测报告 pictures per product. */
export const CERT_IMAGES_MAX = 6;

/** 储存方式 in the order the console offers them. */
export const STORAGE_LABELS: Record<StorageMode, string> = {
  ambient: '常温',
  chilled: '冷藏',
  frozen: '冷冻',
};
export const STORAGE_MODES = Object.keys(STORAGE_LABELS) as [StorageMode, ...StorageMode[]];

/** '冷藏 · 0-4℃，开封后当天吃完' (or just '冷藏'). */
export const storageText = (s: { mode: StorageMode; note?: string }) =>
  s.note ? `${STORAGE_LABELS[s.mode]} · ${s.note}` : STORAGE_LABELS[s.mode];

/**
 * 坏品包赔: the platform's after-sale promise for a product that carries it, as
 * the item page shows it. It matches what order.afterSale does: after the goods
 * arrive, a resident asks for the damaged units with photos and an admin refunds them.
 */
export const BAD_GOODS_PROMISE = '收到商品如有坏损，到货后在订单页「申请售后」并上传照片，核实后按坏损数量退款';

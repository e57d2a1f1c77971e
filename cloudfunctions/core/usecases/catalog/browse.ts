import { itemReviews } from '../review/queries';
import type { BatchesResult, CategoryTab, ItemDetail, ItemsResult } from '../../../../typings/api';
import type { Category } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { batchItemById, heldInBatch, heldOf, itemsInOrder } from '../../repos/batch-items';
import { batchById, liveBatches } from '../../repos/batches';
import { allCategories } from '../../repos/categories';
import { itemSalesOf } from '../../repos/orders';
import { banners } from '../../repos/settings';
import { productById } from '../../repos/products';
import { batchItemView, batchView } from '../order/views';
import type { Product } from '../../../../typings/models';
import { BAD_GOODS_PROMISE } from '../../../../typings/product-info';
import type { HomeBanners } from '../../../../typings/banners';

/** 商品信息 for the item page: only what the product has (a resident never sees 供货价 or review notes). */
function productInfoView(
  p: Product | undefined,
): Pick<ItemDetail, 'origin' | 'shelfLife' | 'storage' | 'certImages' | 'badGoodsPromise'> {
  return {
    ...(p?.origin ? { origin: p.origin } : {}),
    ...(p?.shelfLife ? { shelfLife: p.shelfLife } : {}),
    ...(p?.storage ? { storage: p.storage } : {}),
    certImages: p?.certImages ?? [],
    ...(p?.badGoodsCover ? { badGoodsPromise: BAD_GOODS_PROMISE } : {}),
  };
}

/** The batches a resident can buy from now, and those opening next (for the countdown). */
export async function listBatches(now: Date): Promise<BatchesResult> {
  const views = (await liveBatches(now)).map((b) => batchView(b, now));
  return {
    serverNow: now.toISOString(),
    open: views.filter((b) => b.phase === 'open'),
    upcoming: views.filter((b) => b.phase === 'upcoming'),
  };
}

/** A batch's items with live stock and how many more the caller may still buy of each. */
export async function listItems(openid: string, batchId: string, now: Date): Promise<ItemsResult> {
  // 成团 progress and N 位邻居已买: one aggregation over the batch's orders.
  const [batch, items, bought, categories, sales] = await Promise.all([
    batchById(batchId),
    itemsInOrder(batchId),
    heldInBatch(openid, batchId),
    allCategories(),
    itemSalesOf(batchId),
  ]);
  // Drafts are the admin's work in progress: as invisible as a missing batch.
  if (!batch || batch.status === 'draft') throw fail.notFound('团期');
  return {
    serverNow: now.toISOString(),
    batch: batchView(batch, now),
    items: items.map((i) => batchItemView(i, bought.get(i._id) ?? 0, sales.get(i._id))),
    categories: categoriesOf(items, categories),
  };
}

/** Only the categories something in the batch is filed under: a tab must never show nothing. */
function categoriesOf(items: readonly { categoryId: string }[], all: readonly Category[]): CategoryTab[] {
  const used = new Set(items.map((i) => i.categoryId));
  return all.filter((c) => used.has(c._id)).map((c) => ({ _id: c._id, name: c.name }));
}

export async function itemDetail(openid: string, batchItemId: string, now: Date): Promise<ItemDetail> {
  const [item, bought] = await Promise.all([batchItemById(batchItemId), heldOf(openid, batchItemId)]);
  if (!item || item.batchStatus === 'draft') throw fail.notFound('商品');
  const [product, batch, reviews, sales] = await Promise.all([
    productById(item.productId),
    batchById(item.batchId),
    itemReviews(item.productId),
    itemSalesOf(item.batchId, item._id),
  ]);
  if (!batch) throw fail.notFound('团期');
  return {
    ...batchItemView(item, bought, sales.get(item._id)),
    images: product?.images ?? (item.image ? [item.image] : []),
    ...(product?.description ? { description: product.description } : {}),
    batch: batchView(batch, now),
    ...productInfoView(product),
    reviews,
  };
}

/** 首页轮播图 on show, in the admin's order. */
export async function homeBanners(): Promise<HomeBanners> {
  return { banners: (await banners()).filter((b) => b.enabled).map(({ enabled: _shown, ...b }) => b) };
}

import * as z from 'zod/mini';
import type { BatchesResult, ItemDetail, ItemsResult, Recommendations } from '../api';
import type { PosterCode, PosterScene } from '../posters';
import type { ReviewPage } from '../reviews';
import type { HomeBanners } from '../banners';
import { contract, label, type Input } from './define';
import { id, paging } from './shapes';

/** catalog: what residents browse (any caller with an OPENID). */
export const catalog = {
  /** Open batches and the ones about to open, with serverNow for countdowns. */
  batches: contract(() => z.object({})).answers<BatchesResult>(),
  /** A batch's items with live stock, the caller's remaining limit and N 位邻居已买 (neighbours). */
  items: contract(() => z.object({ batchId: label(id, '团期') })).answers<ItemsResult>(),
  item: contract(() => z.object({ batchItemId: label(id, '商品') })).answers<ItemDetail>(),
  /** 首页轮播图 on show, in order (the console's 设置). */
  banners: contract(() => z.object({})).answers<HomeBanners>(),
  /** 猜你喜欢 in an open batch; pickupPointId is the point the resident chose (used before their first order). */
  recommend: contract(() =>
    z.object({ batchId: label(id, '团期'), pickupPointId: z.optional(label(id, '自提点')) }),
  ).answers<Recommendations>(),
  /** A product's visible reviews, newest first (the item page shows the average and the first few). */
  reviews: contract(() =>
    z.object({ productId: label(id, '商品'), ...paging({ maxSize: 20, size: 10, maxPage: 100 }) }),
  ).answers<ReviewPage>(),
  /**
   * 生成海报: the 小程序码 of an item page for the caller's leader (a leader's own,
   * a resident's: the leader of the point they are bound to), stored once per scene.
   */
  posterCode: contract(() => z.object({ batchItemId: label(id, '商品') })).answers<PosterCode>(),
  /** The item and leader of an item poster's scene (the item page's options.scene, decoded or not). */
  posterScene: contract(() =>
    z.object({ scene: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(96)), '场景值') }),
  ).answers<PosterScene>(),
};

export type ItemsInput = Input<typeof catalog.items>;

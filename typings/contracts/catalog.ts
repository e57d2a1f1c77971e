import * as z from 'zod/mini';
import type { BatchesResult, ItemDetail, ItemsResult, Recommendations } from '../api';
import type { ReviewPage } from '../reviews';
import { contract, label, type Input } from './define';
import { id, paging } from './shapes';

/** catalog: what residents browse (any caller with an OPENID). */
export const catalog = {
  /** Open batches and the ones about to open, with serverNow for countdowns. */
  batches: contract(() => z.object({})).answers<BatchesResult>(),
  /** A batch's items with live stock and the caller's remaining limit. */
  items: contract(() => z.object({ batchId: label(id, '团期') })).answers<ItemsResult>(),
  item: contract(() => z.object({ batchItemId: label(id, '商品') })).answers<ItemDetail>(),
  /** 猜你喜欢 in an open batch; pickupPointId is the point the resident chose (used before their first order). */
  recommend: contract(() =>
    z.object({ batchId: label(id, '团期'), pickupPointId: z.optional(label(id, '自提点')) }),
  ).answers<Recommendations>(),
  /** A product's visible reviews, newest first (the item page shows the average and the first few). */
  reviews: contract(() =>
    z.object({ productId: label(id, '商品'), ...paging({ maxSize: 20, size: 10, maxPage: 100 }) }),
  ).answers<ReviewPage>(),
};

export type ItemsInput = Input<typeof catalog.items>;

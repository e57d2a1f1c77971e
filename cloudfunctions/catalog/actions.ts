import type { catalog } from '../../typings/contracts/catalog';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { homeBanners, itemDetail, listBatches, listItems } from '../core/usecases/catalog/browse';
import { posterCode, posterScene } from '../core/usecases/catalog/poster';
import { recommendedItems } from '../core/usecases/catalog/recommend';
import { productReviewPage } from '../core/usecases/review/queries';

export const catalogActions: ActionTable<typeof catalog> = {
  batches: async (_input, ctx) => {
    requireOpenid(ctx);
    return listBatches(now());
  },
  items: async ({ batchId }, ctx) => listItems(requireOpenid(ctx), batchId, now()),
  item: async ({ batchItemId }, ctx) => itemDetail(requireOpenid(ctx), batchItemId, now()),
  banners: async (_input, ctx) => {
    requireOpenid(ctx);
    return homeBanners();
  },
  recommend: async ({ batchId, pickupPointId }, ctx) =>
    recommendedItems(requireOpenid(ctx), batchId, pickupPointId, now()),
  reviews: async ({ productId, ...page }, ctx) => {
    requireOpenid(ctx);
    return productReviewPage(productId, page);
  },
  posterCode: async ({ batchItemId }, ctx) => posterCode(requireOpenid(ctx), batchItemId, now()),
  posterScene: async ({ scene }, ctx) => {
    requireOpenid(ctx);
    return posterScene(scene);
  },
};

import { makeAutoObservable } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { catalogStore } from './catalog';
import { userStore } from './user';
import { Load } from './load-state';
import type { BatchItemView, BatchView, Recommendations } from '../../typings/api';

/**
 * 猜你喜欢: items of the open batch picked for this resident by the server
 * (catalog.recommend). The batch and its items come from the home page's store
 * when it holds the open batch, so a cart visit usually costs one call.
 * A failure only hides the section: it is a suggestion, not the cart.
 */
export class RecommendStore {
  batch: BatchView | null = null;
  items: BatchItemView[] = [];
  /** Why these items (catalog.recommend): 'batch' means no model yet, just the batch's own order. */
  basis: Recommendations['basis'] | '' = '';
  readonly load = new Load(() => this.items.length === 0);

  constructor() {
    makeAutoObservable(this, { load: false });
  }

  async refresh(): Promise<void> {
    await this.load.run(
      async () => {
        let batch = catalogStore.batch?.phase === 'open' ? catalogStore.batch : null;
        let items = batch ? catalogStore.items : [];
        if (!batch) {
          batch = (await catalogService.batches()).open[0] ?? null;
          if (!batch) return { batch: null, items: [], basis: '' as const };
          items = (await catalogService.items(batch._id)).items;
        }
        const pickupPointId = userStore.me?.pickupPoint?._id;
        const { batchItemIds, basis } = await catalogService.recommend(batch._id, pickupPointId);
        const byId = new Map(items.map((i) => [i._id, i]));
        const picked = batchItemIds.map((id) => byId.get(id)).filter((i): i is BatchItemView => !!i);
        return { batch, items: picked, basis };
      },
      ({ batch, items, basis }) => {
        this.batch = batch;
        this.items = items;
        this.basis = basis;
      },
      { failed: () => (this.items = []) },
    );
  }
}

export const recommendStore = new RecommendStore();

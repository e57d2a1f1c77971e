import { makeAutoObservable } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { leaderService } from '../services/leader';
import { Load } from './load-state';
import { errorCode, userMessage } from '../lib/errors';
import type { BatchPosterData, ItemPosterData } from '../lib/poster';

export type Poster = { kind: 'item'; data: ItemPosterData } | { kind: 'batch'; data: BatchPosterData };

/**
 * 海报: what a poster shows, from the server: an item's (catalog.item and the
 * 小程序码 of catalog.posterCode for the caller's leader) or a leader's whole
 * day (leader.shareInfo's code and point, catalog.items of the batch).
 */
export class PosterStore {
  poster: Poster | null = null;
  readonly posterLoad = new Load(() => !this.poster);

  constructor() {
    makeAutoObservable(this, { posterLoad: false });
  }

  async loadItem(batchItemId: string): Promise<void> {
    await this.posterLoad.run(
      async (): Promise<Poster> => {
        const [item, code] = await Promise.all([
          catalogService.item(batchItemId),
          catalogService.posterCode(batchItemId),
        ]);
        return {
          kind: 'item',
          data: {
            title: item.title,
            priceFen: item.priceFen,
            originalPriceFen: item.originalPriceFen,
            unit: item.unit,
            image: item.images[0] ?? item.image ?? '',
            leaderName: code.leaderName,
            pointName: code.pointName,
            pointAddress: code.pointAddress,
            qr: code.url || code.fileID,
          },
        };
      },
      (poster) => (this.poster = poster),
      {
        failed: () => (this.poster = null),
        // The one state the server refuses a poster in: no point (so no leader) to put on it.
        message: (err) => (errorCode(err) === 'INVALID_STATE' ? '请先在「我的」选择自提点' : userMessage(err)),
      },
    );
  }

  async loadBatch(batchId: string): Promise<void> {
    await this.posterLoad.run(
      async (): Promise<Poster | null> => {
        const [share, list] = await Promise.all([leaderService.shareInfo(batchId), catalogService.items(batchId)]);
        // What can still be bought first; sold-out items only fill the list after them.
        const items = [...list.items].sort(
          (a, b) => Number(a.soldOut || a.stock <= 0) - Number(b.soldOut || b.stock <= 0),
        );
        if (!items.length) return null;
        return {
          kind: 'batch',
          data: {
            title: list.batch.title,
            pickupDate: list.batch.pickupDate,
            items: items.map((i) => ({ title: i.title, priceFen: i.priceFen, unit: i.unit, image: i.image ?? '' })),
            leaderName: share.leaderName,
            pointName: share.pointName,
            pointAddress: share.pointAddress,
            qr: share.posterUrl || share.posterFileID,
          },
        };
      },
      (poster) => (this.poster = poster),
      { failed: () => (this.poster = null) },
    );
  }

  /** The item a poster's 小程序码 opened the item page for ('' when the scene is no item poster's). */
  async itemOfScene(scene: string): Promise<string> {
    return catalogService.posterScene(scene).then(
      (s) => s.batchItemId,
      () => '',
    );
  }
}

export const posterStore = new PosterStore();

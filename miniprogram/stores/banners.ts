import { makeAutoObservable } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { Load } from './load-state';
import type { HomeBanners } from '../../typings/banners';

/**
 * 首页轮播图 as the admin set them (catalog.banners). A failure shows none:
 * a banner is a shop window, never in the way of buying.
 */
export class BannerStore {
  banners: HomeBanners['banners'] = [];
  readonly load = new Load();

  constructor() {
    makeAutoObservable(this, { load: false });
  }

  async refresh(): Promise<void> {
    await this.load.run(
      () => catalogService.banners(),
      ({ banners }) => {
        this.banners = banners;
      },
      { failed: () => (this.banners = []) },
    );
  }
}

export const bannerStore = new BannerStore();

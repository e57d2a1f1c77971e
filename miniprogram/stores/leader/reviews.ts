import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { Load } from '../load-state';
import type { LeaderReviews } from '../../../typings/reviews';

/** 服务评分: what residents think of this leader's service (the 团长 tab's header). */
export class LeaderReviewStore {
  rating: LeaderReviews | null = null;
  readonly load = new Load(() => !this.rating);

  constructor() {
    makeAutoObservable(this, { load: false });
  }

  async loadRating(): Promise<void> {
    await this.load.run(
      () => leaderService.reviews(1, 3),
      (r) => (this.rating = r),
    );
  }
}

export const leaderReviewStore = new LeaderReviewStore();

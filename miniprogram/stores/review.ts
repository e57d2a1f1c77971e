import { makeAutoObservable } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { uploadPhotos } from '../services/storage';
import { Load } from './load-state';
import type { MyOrderReviews } from '../../typings/reviews';

/** What the review form holds: per item stars, text and local photo paths; the leader's service once. */
export interface ReviewForm {
  orderId: string;
  goods: Array<{ batchItemId: string; stars: number; text: string; photoPaths: string[] }>;
  service: { stars: number; text: string };
  uploadEnabled: boolean;
}

/** 评价: the caller's reviews of the order on screen, and sending a new one. */
export class ReviewStore {
  orderId = '';
  mine: MyOrderReviews | null = null;
  readonly load = new Load(() => !this.mine);
  readonly submitLoad = new Load(() => false);

  constructor() {
    makeAutoObservable(this, { load: false, submitLoad: false });
  }

  async loadFor(orderId: string): Promise<void> {
    if (this.orderId !== orderId) this.mine = null;
    this.orderId = orderId;
    await this.load.run(
      () => orderService.reviews(orderId),
      (mine) => (this.mine = mine),
    );
  }

  /** Uploads the photos (cloud mode) in order, sends the review, then says so and goes back to the order. */
  async submit(form: ReviewForm): Promise<void> {
    if (this.submitLoad.busy) return;
    const sent = await this.submitLoad.run(async () => {
      const goods = [];
      for (const g of form.goods) {
        const photos = form.uploadEnabled ? await uploadPhotos(`reviews/${form.orderId}`, g.photoPaths) : [];
        goods.push({ batchItemId: g.batchItemId, stars: g.stars, text: g.text.trim(), photos });
      }
      return orderService.review({
        orderId: form.orderId,
        goods,
        service: { stars: form.service.stars, text: form.service.text.trim() },
      });
    });
    if (!sent) return;
    this.orderId = form.orderId;
    this.mine = sent;
    wx.showToast({ title: '评价成功，谢谢你', icon: 'success' });
    wx.navigateBack();
  }
}

export const reviewStore = new ReviewStore();

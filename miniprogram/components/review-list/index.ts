/**
 * 评价 on an item page: the product's average and count, then the newest reviews
 * (author, stars, text, photos). Presentational only: tapping a photo opens the
 * review's photos full screen.
 */
export interface ReviewRow {
  id: string;
  author: string;
  avatar: string;
  stars: number;
  text: string;
  photos: string[];
  dateText: string;
}

Component({
  properties: {
    count: { type: Number, value: 0 },
    /** To one decimal, as the server answers it. */
    averageText: { type: String, value: '' },
    reviews: { type: Array, value: [] as ReviewRow[] },
  },
  methods: {
    onPreview(event: WechatMiniprogram.TouchEvent) {
      const { index, src } = event.currentTarget.dataset as { index: number; src: string };
      const row = (this.data.reviews as ReviewRow[])[Number(index)];
      wx.previewImage({ current: src, urls: row?.photos ?? [src] });
    },
  },
});

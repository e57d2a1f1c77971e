import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { posterStore, type PosterStore } from '../../../stores/poster';
import { batchPoster, itemPoster } from '../../../lib/poster';
import { measureOn, paint, posterCanvas, toTempFile } from '../../../lib/poster-painter';
import { saveToAlbum } from '../../../lib/album';

/**
 * 海报: ?id=<batchItemId> an item's poster (生成海报 on the item page), ?batchId=<id>
 * a leader's whole day (生成今日海报 on 分享团购). Drawn on the canvas 2d off screen,
 * shown as the picture it makes, 保存到相册 saves that picture.
 */
ComponentWithStore({
  data: { itemId: '', batchId: '', imagePath: '', drawFailed: false },
  storeBindings: {
    store: posterStore,
    fields: {
      state: (s: PosterStore) => s.posterLoad.state,
      error: (s: PosterStore) => s.posterLoad.error,
      empty: (s: PosterStore) => s.posterLoad.empty,
    },
    actions: [],
  },
  methods: {
    async onLoad(query: { id?: string; batchId?: string }) {
      this.setData({ itemId: query.id ?? '', batchId: query.id ? '' : (query.batchId ?? '') });
      await this.load();
    },
    async load() {
      this.setData({ imagePath: '', drawFailed: false });
      if (this.data.itemId) await posterStore.loadItem(this.data.itemId);
      else if (this.data.batchId) await posterStore.loadBatch(this.data.batchId);
      if (posterStore.poster) await this.draw();
    },
    onRetry() {
      void this.load();
    },
    /** The poster's ops on the canvas, then the canvas as a picture. */
    async draw() {
      const poster = posterStore.poster;
      if (!poster) return;
      wx.showLoading({ title: '海报生成中', mask: true });
      try {
        const canvas = await posterCanvas(this);
        const measure = measureOn(canvas.getContext('2d'));
        const ops = poster.kind === 'item' ? itemPoster(poster.data, measure) : batchPoster(poster.data, measure);
        await paint(canvas, ops);
        this.setData({ imagePath: await toTempFile(canvas), drawFailed: false });
      } catch (err) {
        console.warn('poster drawing failed', err);
        this.setData({ drawFailed: true });
      } finally {
        wx.hideLoading();
      }
    },
    onRedraw() {
      void this.draw();
    },
    onPreview() {
      const src = this.data.imagePath;
      if (src) wx.previewImage({ urls: [src], current: src });
    },
    async onSave() {
      if (this.data.imagePath) await saveToAlbum(this.data.imagePath);
    },
  },
});

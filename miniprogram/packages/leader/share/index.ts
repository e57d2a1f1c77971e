import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { shareStore, type ShareStore } from '../../../stores/leader/share';
import { track } from '../../../lib/track';

/** 分享团购 (see stores/leader/share): the share card and the poster to save. */
ComponentWithStore({
  data: { queryBatchId: '' },
  storeBindings: {
    store: shareStore,
    fields: {
      state: (s: ShareStore) => s.shareLoad.state,
      error: (s: ShareStore) => s.shareLoad.error,
      empty: (s: ShareStore) => s.shareLoad.empty,
      saving: (s: ShareStore) => s.saveLoad.busy,
      title: (s: ShareStore) => s.share?.title ?? '',
      posterSrc: (s: ShareStore) => s.share?.posterUrl || s.share?.posterFileID || '',
    },
    actions: [],
  },
  methods: {
    onLoad(query: { batchId?: string }) {
      this.setData({ queryBatchId: query.batchId ?? '' });
      void shareStore.loadShare(query.batchId || undefined);
    },
    onRetry() {
      void shareStore.loadShare(this.data.queryBatchId || undefined);
    },
    onShareAppMessage() {
      track('share', { leaderId: shareStore.share?.leaderId });
      return shareStore.card;
    },
    onPreview() {
      const src = this.data.posterSrc;
      if (src) wx.previewImage({ urls: [src], current: src });
    },
    onSave() {
      void shareStore.savePoster();
    },
    /** 生成今日海报: the whole batch on one poster with this leader's 小程序码. */
    onDayPoster() {
      const batchId = shareStore.batchId;
      if (batchId) wx.navigateTo({ url: `/packages/goods/poster/index?batchId=${encodeURIComponent(batchId)}` });
    },
  },
});

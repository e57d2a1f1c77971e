import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { leaderStore, type LeaderStore } from '../../../stores/leader';
import { userStore } from '../../../stores/user';

/** A local file for the poster: a temp URL downloads over HTTPS, a bare fileID through cloud storage. */
function downloadPoster(url: string, fileID: string): Promise<string> {
  if (url) {
    return new Promise((resolve, reject) =>
      wx.downloadFile({
        url,
        success: (res) =>
          res.statusCode === 200 ? resolve(res.tempFilePath) : reject(new Error(`HTTP ${res.statusCode}`)),
        fail: reject,
      }),
    );
  }
  return wx.cloud.downloadFile({ fileID }).then((res) => res.tempFilePath);
}

function saveToAlbum(filePath: string): Promise<void> {
  return new Promise((resolve, reject) =>
    wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject }),
  );
}

/**
 * 分享团购: the share card (onShareAppMessage with the leader's path, so residents
 * who come in are bound to this leader) and the poster with the leader's 小程序码.
 */
ComponentWithStore({
  data: { queryBatchId: '', saving: false },
  storeBindings: {
    store: leaderStore,
    fields: {
      state: (s: LeaderStore) => s.shareState,
      error: (s: LeaderStore) => s.shareError,
      loaded: (s: LeaderStore) => !!s.share,
      title: (s: LeaderStore) => s.share?.title ?? '',
      posterSrc: (s: LeaderStore) => s.share?.posterUrl || s.share?.posterFileID || '',
    },
    actions: [],
  },
  methods: {
    onLoad(query: { batchId?: string }) {
      this.setData({ queryBatchId: query.batchId ?? '' });
      void leaderStore.loadShare(query.batchId || undefined);
    },
    onRetry() {
      void leaderStore.loadShare(this.data.queryBatchId || undefined);
    },
    onShareAppMessage() {
      const share = leaderStore.share;
      if (share) return { title: share.title, path: share.path };
      const leaderId = userStore.shareLeaderId;
      return {
        title: '社区团购',
        path: leaderId ? `/pages/home/index?leaderId=${encodeURIComponent(leaderId)}` : '/pages/home/index',
      };
    },
    onPreview() {
      const src = this.data.posterSrc;
      if (src) wx.previewImage({ urls: [src], current: src });
    },
    async onSave() {
      const share = leaderStore.share;
      if (!share || this.data.saving) return;
      this.setData({ saving: true });
      try {
        const filePath = await downloadPoster(share.posterUrl ?? '', share.posterFileID);
        await saveToAlbum(filePath);
        wx.showToast({ title: '已保存到相册', icon: 'success' });
      } catch (err) {
        const message = (err as { errMsg?: string })?.errMsg ?? '';
        if (/auth/.test(message)) {
          const { confirm } = await wx.showModal({
            title: '需要相册权限',
            content: '请在设置中允许保存到相册，再保存海报',
            confirmText: '去设置',
          });
          if (confirm) wx.openSetting({});
        } else if (!/cancel/.test(message)) {
          wx.showToast({ title: '保存失败，请重试', icon: 'none' });
        }
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});

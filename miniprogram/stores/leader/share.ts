import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { saveToAlbum } from '../../lib/album';
import { Load } from '../load-state';
import { userStore } from '../user';
import { leaderBatchStore } from './batches';
import type { ShareInfo } from '../../../typings/leader';

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

/**
 * 分享团购: the share card (the leader's path, so residents who come in are bound to
 * this leader) and the poster with the leader's 小程序码.
 */
export class ShareStore {
  share: ShareInfo | null = null;
  /** The batch the share is of (生成今日海报 draws it). */
  batchId = '';
  readonly shareLoad = new Load(() => !this.share);
  readonly saveLoad = new Load(() => false);

  constructor() {
    makeAutoObservable(this, { shareLoad: false, saveLoad: false });
  }

  async loadShare(queryBatchId?: string): Promise<void> {
    await this.shareLoad.run(
      async () => {
        const batchId = await leaderBatchStore.batchFor(queryBatchId);
        return batchId ? { batchId, share: await leaderService.shareInfo(batchId) } : null;
      },
      (found) => {
        this.share = found?.share ?? null;
        this.batchId = found?.batchId ?? '';
      },
    );
  }

  /** What onShareAppMessage answers: the batch's share, else the home page crediting this leader. */
  get card(): { title: string; path: string } {
    if (this.share) return { title: this.share.title, path: this.share.path };
    const leaderId = userStore.shareLeaderId;
    return {
      title: '社区团购',
      path: leaderId ? `/pages/home/index?leaderId=${encodeURIComponent(leaderId)}` : '/pages/home/index',
    };
  }

  /** 保存海报: to the album; without permission it offers the settings. */
  async savePoster(): Promise<void> {
    const share = this.share;
    if (!share || this.saveLoad.busy) return;
    await this.saveLoad.run(
      async () => saveToAlbum(await downloadPoster(share.posterUrl ?? '', share.posterFileID)),
      undefined,
      { failed: () => wx.showToast({ title: '保存失败，请重试', icon: 'none' }) },
    );
  }
}

export const shareStore = new ShareStore();

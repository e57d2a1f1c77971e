import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { batchLabel, leaderBatchStore } from '../../../stores/leader/batches';
import {
  checklistStore,
  searchKind,
  verifiedPatch,
  type ChecklistStore,
  type ResidentView,
} from '../../../stores/leader/checklist';
import { verifyStore } from '../../../stores/leader/verify';
import { appendPaths } from '../../../lib/set-data';

/**
 * 取货清单: residents of the leader's point with what they ordered and what they
 * have picked up. The rows live in page data and grow by page (`groups[20]`…), so a
 * long list never travels to the view twice.
 */
ComponentWithStore({
  data: {
    queryBatchId: '',
    keyword: '',
    /** The search the rows answer ('' = all). */
    searched: '',
    groups: [] as ResidentView[],
  },
  storeBindings: {
    store: checklistStore,
    fields: {
      state: (s: ChecklistStore) => s.pages.state,
      error: (s: ChecklistStore) => s.pages.error,
      empty: (s: ChecklistStore) => s.pages.empty,
      hasMore: (s: ChecklistStore) => s.pages.hasMore,
      loadingMore: (s: ChecklistStore) => s.pages.more.busy,
      moreError: (s: ChecklistStore) => s.pages.more.error,
      batchId: (s: ChecklistStore) => s.batchId,
      /** Which batch the list is (when the leader tab loaded it). */
      batchTitle: (s: ChecklistStore) => leaderBatchStore.batchById(s.batchId)?.title ?? '',
      batchText: (s: ChecklistStore) => {
        const batch = leaderBatchStore.batchById(s.batchId);
        return batch ? batchLabel(batch) : '';
      },
    },
    actions: [],
  },
  methods: {
    onLoad(query: { batchId?: string }) {
      this.setData({ queryBatchId: query.batchId ?? '' });
      void this.reload();
    },
    /** Back from verifying: patch only the lines that changed. */
    onShow() {
      for (const result of verifyStore.takeVerified()) {
        const patch = verifiedPatch(this.data.groups, result);
        if (Object.keys(patch).length) this.setData(patch);
      }
    },
    async reload() {
      const groups = await checklistStore.load(this.data.queryBatchId || undefined, this.data.searched);
      // null: a newer search started meanwhile, and its own reload sets the rows.
      if (groups) this.setData({ groups });
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onRetry() {
      void this.reload();
    },
    onReachBottom() {
      void this.more();
    },
    onMore() {
      void this.more();
    },
    async more() {
      const page = await checklistStore.loadMore();
      if (page?.rows.length) this.setData(appendPaths('groups', page.start, page.rows));
    },
    onKeyword(event: WechatMiniprogram.CustomEvent) {
      this.setData({ keyword: String(event.detail ?? '') });
    },
    onSearch(event: WechatMiniprogram.CustomEvent) {
      const keyword = String(event.detail ?? this.data.keyword).trim();
      const kind = searchKind(keyword);
      if (kind === 'invalid') return void wx.showToast({ title: '请输入6位取货码或手机尾号4位', icon: 'none' });
      this.setData({ keyword, searched: keyword });
      void this.reload();
    },
    onClear() {
      this.setData({ keyword: '', searched: '' });
      void this.reload();
    },
    /** A resident: verify their pickup (with the code when the list was searched by it). */
    onResident(event: WechatMiniprogram.BaseEvent) {
      const group = this.data.groups[Number(event.currentTarget.dataset.index)];
      if (!group) return;
      const code = searchKind(this.data.searched) === 'code' ? this.data.searched : '';
      const query = [
        `batchId=${encodeURIComponent(this.data.batchId)}`,
        `name=${encodeURIComponent(group.name)}`,
        ...(code ? [`code=${code}`] : []),
      ];
      wx.navigateTo({ url: `/packages/leader/verify/index?${query.join('&')}` });
    },
  },
});

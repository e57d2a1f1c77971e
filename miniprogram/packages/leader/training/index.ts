import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { trainingStore, type TrainingStore } from '../../../stores/leader/training';
import { appendPaths } from '../../../lib/set-data';
import { formatTime } from '../../../lib/time';
import type { TrainingView } from '../../../../typings/leader';

const row = (t: TrainingView) => ({
  id: t._id,
  title: t.title,
  body: t.body,
  url: t.url ?? '',
  time: formatTime(t.publishedAt),
  open: false,
});

type Row = ReturnType<typeof row>;

/** 团长学堂: training materials the platform published, newest first; tap to read. */
ComponentWithStore({
  data: { items: [] as Row[] },
  storeBindings: {
    store: trainingStore,
    fields: {
      state: (s: TrainingStore) => s.pages.state,
      error: (s: TrainingStore) => s.pages.error,
      empty: (s: TrainingStore) => s.pages.empty,
      hasMore: (s: TrainingStore) => s.pages.hasMore,
      loadingMore: (s: TrainingStore) => s.pages.more.busy,
      moreError: (s: TrainingStore) => s.pages.more.error,
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const rows = await trainingStore.pages.reload();
      if (rows) this.setData({ items: rows.map(row) });
    },
    onRetry() {
      void this.load();
    },
    async onMore() {
      const page = await trainingStore.pages.loadMore();
      if (page?.rows.length) this.setData(appendPaths('items', page.start, page.rows.map(row)));
    },
    onReachBottom() {
      void this.onMore();
    },
    onToggle(event: WechatMiniprogram.BaseEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`items[${index}].open`]: !this.data.items[index].open });
    },
    onCopyLink(event: WechatMiniprogram.BaseEvent) {
      wx.setClipboardData({ data: String(event.currentTarget.dataset.url) });
    },
  },
});

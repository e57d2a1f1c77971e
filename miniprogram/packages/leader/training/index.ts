import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { leaderStore, type LeaderStore } from '../../../stores/leader';
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
    store: leaderStore,
    fields: {
      state: (s: LeaderStore) => s.trainingState,
      error: (s: LeaderStore) => s.trainingError,
      hasMore: (s: LeaderStore) => s.trainingHasMore,
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const page = await leaderStore.loadTraining();
      if (page) this.setData({ items: page.rows.map(row) });
    },
    onRetry() {
      void this.load();
    },
    async onMore() {
      const page = await leaderStore.loadTraining(true);
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

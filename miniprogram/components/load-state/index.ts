/**
 * The three states every server-backed list shows besides its content: loading,
 * error (with 重试) and empty. Presentational only: it emits `retry`, the page reloads.
 */
Component({
  options: { multipleSlots: true },
  properties: {
    state: { type: String, value: 'idle' },
    error: { type: String, value: '' },
    /** The content is empty (only shown once loaded). */
    empty: { type: Boolean, value: false },
    emptyText: { type: String, value: '暂无数据' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});

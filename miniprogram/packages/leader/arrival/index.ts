import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { arrivalStore, shortOf, type ArrivalStore } from '../../../stores/leader/arrival';
import { config } from '../../../config';

interface Row {
  id: string;
  title: string;
  unit: string;
  /** Units ordered (net of refunds). */
  qty: number;
  received: number;
  damaged: number;
  /** Units that will be refunded: ordered − (received − damaged), when positive. */
  short: number;
  /** Photos of the shortage or damage (temp paths until confirmed), for the supplier. */
  photos: string[];
}

const MAX_PHOTOS = 6;

const REASON_TEXT: Record<string, string> = {
  no_consent: '未订阅通知',
  refused: '通知被拒收',
  error: '通知发送失败',
};

/** 到货确认 (see stores/leader/arrival): the form of what arrived keeps its rows in page data. */
ComponentWithStore({
  // Photos need cloud storage: the local cloud's mini-program mode offers none.
  data: { queryBatchId: '', rows: [] as Row[], uploadEnabled: config.mode === 'cloud' },
  storeBindings: {
    store: arrivalStore,
    fields: {
      state: (s: ArrivalStore) => s.totalsLoad.state,
      error: (s: ArrivalStore) => s.totalsLoad.error,
      empty: (s: ArrivalStore) => s.totalsLoad.empty,
      hasBatch: (s: ArrivalStore) => !!s.totals,
      confirmedBefore: (s: ArrivalStore) => !!s.totals?.arrivalConfirmed && !s.arrival,
      confirming: (s: ArrivalStore) => s.confirmLoad.busy,
      outcome: (s: ArrivalStore) => s.arrivalOutcome,
      showUnnotified: (s: ArrivalStore) => !!s.totals?.arrivalConfirmed,
      unnotifiedState: (s: ArrivalStore) => s.unnotifiedLoad.state,
      unnotifiedError: (s: ArrivalStore) => s.unnotifiedLoad.error,
      unnotifiedEmpty: (s: ArrivalStore) => s.unnotifiedLoad.empty,
      unnotified: (s: ArrivalStore) =>
        s.unnotified.map((u) => ({
          key: `${u.kind}-${u.orderNo}`,
          name: u.nickname || '邻居',
          tail: u.phoneTail ? `尾号${u.phoneTail}` : '',
          orderNo: u.orderNo,
          reason: REASON_TEXT[u.reason] ?? u.reason,
        })),
    },
    actions: [],
  },
  methods: {
    onLoad(query: { batchId?: string }) {
      this.setData({ queryBatchId: query.batchId ?? '' });
      void this.load();
    },
    async load() {
      await arrivalStore.loadTotals(this.data.queryBatchId || undefined);
      const items = arrivalStore.totals?.items ?? [];
      this.setData({
        rows: items.map((i) => ({
          id: i.batchItemId,
          title: i.title,
          unit: i.unit,
          qty: i.qty,
          received: i.qty,
          damaged: 0,
          short: 0,
          photos: [],
        })),
      });
    },
    onRetry() {
      void this.load();
    },
    onRetryUnnotified() {
      void arrivalStore.loadUnnotified();
    },
    onReceived(event: WechatMiniprogram.CustomEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const received = Number(event.detail);
      const damaged = Math.min(row.damaged, received);
      const patch: Record<string, number> = { [`rows[${index}].received`]: received };
      if (damaged !== row.damaged) patch[`rows[${index}].damaged`] = damaged;
      const short = shortOf(row.qty, received, damaged);
      if (short !== row.short) patch[`rows[${index}].short`] = short;
      this.setData(patch);
    },
    onDamaged(event: WechatMiniprogram.CustomEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const damaged = Math.min(Number(event.detail), row.received);
      const patch: Record<string, number> = { [`rows[${index}].damaged`]: damaged };
      const short = shortOf(row.qty, row.received, damaged);
      if (short !== row.short) patch[`rows[${index}].short`] = short;
      this.setData(patch);
    },
    onAddPhoto(event: WechatMiniprogram.BaseEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const left = MAX_PHOTOS - row.photos.length;
      if (left <= 0) return;
      wx.chooseMedia({
        count: left,
        mediaType: ['image'],
        sourceType: ['camera', 'album'],
        sizeType: ['compressed'],
        success: (res) =>
          this.setData({ [`rows[${index}].photos`]: [...row.photos, ...res.tempFiles.map((f) => f.tempFilePath)] }),
      });
    },
    onRemovePhoto(event: WechatMiniprogram.BaseEvent) {
      const { index, photo } = event.currentTarget.dataset as { index: number; photo: number };
      const row = this.data.rows[Number(index)];
      this.setData({ [`rows[${index}].photos`]: row.photos.filter((_p, i) => i !== Number(photo)) });
    },
    onConfirm() {
      void arrivalStore.confirm(
        this.data.rows.map((r) => ({
          batchItemId: r.id,
          receivedQty: r.received,
          damagedQty: r.damaged,
          // Photos only of what is wrong: a line that arrived whole sends none.
          photoPaths: r.short || r.damaged ? r.photos : [],
        })),
      );
    },
    onCopy() {
      arrivalStore.copyUnnotified();
    },
  },
});

import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { leaderStore, type LeaderStore } from '../../../stores/leader';

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
}

const REASON_TEXT: Record<string, string> = {
  no_consent: '未订阅通知',
  refused: '通知被拒收',
  error: '通知发送失败',
};

const shortOf = (r: Pick<Row, 'qty' | 'received' | 'damaged'>) => Math.max(0, r.qty - (r.received - r.damaged));

/**
 * 到货确认: per item, what arrived and what was damaged. Confirming refunds the
 * shortfall to residents (the server picks the orders) and sends the pickup notices;
 * then the residents the notice did not reach are listed to remind in the group.
 */
ComponentWithStore({
  data: { queryBatchId: '', rows: [] as Row[] },
  storeBindings: {
    store: leaderStore,
    fields: {
      state: (s: LeaderStore) => s.totalsState,
      error: (s: LeaderStore) => s.totalsError,
      hasBatch: (s: LeaderStore) => !!s.totals,
      confirmedBefore: (s: LeaderStore) => !!s.totals?.arrivalConfirmed && !s.arrival,
      confirming: (s: LeaderStore) => s.confirming,
      outcome: (s: LeaderStore) => s.arrivalOutcome,
      showUnnotified: (s: LeaderStore) => !!s.totals?.arrivalConfirmed,
      unnotifiedState: (s: LeaderStore) => s.unnotifiedState,
      unnotifiedError: (s: LeaderStore) => s.unnotifiedError,
      unnotified: (s: LeaderStore) =>
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
      await leaderStore.loadTotals(this.data.queryBatchId || undefined);
      const items = leaderStore.totals?.items ?? [];
      this.setData({
        rows: items.map((i) => ({
          id: i.batchItemId,
          title: i.title,
          unit: i.unit,
          qty: i.qty,
          received: i.qty,
          damaged: 0,
          short: 0,
        })),
      });
    },
    onRetry() {
      void this.load();
    },
    onRetryUnnotified() {
      void leaderStore.loadUnnotified();
    },
    onReceived(event: WechatMiniprogram.CustomEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const received = Number(event.detail);
      const damaged = Math.min(row.damaged, received);
      const patch: Record<string, number> = { [`rows[${index}].received`]: received };
      if (damaged !== row.damaged) patch[`rows[${index}].damaged`] = damaged;
      const short = shortOf({ qty: row.qty, received, damaged });
      if (short !== row.short) patch[`rows[${index}].short`] = short;
      this.setData(patch);
    },
    onDamaged(event: WechatMiniprogram.CustomEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const damaged = Math.min(Number(event.detail), row.received);
      const patch: Record<string, number> = { [`rows[${index}].damaged`]: damaged };
      const short = shortOf({ ...row, damaged });
      if (short !== row.short) patch[`rows[${index}].short`] = short;
      this.setData(patch);
    },
    async onConfirm() {
      const rows = this.data.rows;
      const short = rows.reduce((n, r) => n + r.short, 0);
      const { confirm } = await wx.showModal({
        title: '确认到货',
        content: short
          ? `缺货或破损共 ${short} 件，将自动退款给相应邻居；确认后会通知邻居来取货。`
          : '商品全部到齐，确认后会通知邻居来取货。',
        confirmText: '确认到货',
      });
      if (!confirm) return;
      const error = await leaderStore.confirmArrival(
        rows.map((r) => ({ batchItemId: r.id, receivedQty: r.received, damagedQty: r.damaged })),
      );
      if (error) wx.showToast({ title: error, icon: 'none' });
    },
    onCopy() {
      const text = leaderStore.unnotified
        .map((u) => `${u.nickname || '邻居'}${u.phoneTail ? `(尾号${u.phoneTail})` : ''} 订单${u.orderNo}`)
        .join('\n');
      wx.setClipboardData({ data: `以下邻居的团购已到货，请尽快来取：\n${text}` });
    },
  },
});

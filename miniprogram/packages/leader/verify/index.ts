import { leaderStore, type PickupLookup } from '../../../stores/leader';
import { userMessage } from '../../../lib/errors';
import type { LoadState } from '../../../lib/load';
import type { VerifyResult } from '../../../../typings/leader';

type Phase = 'input' | 'lines' | 'done';
type LookupLine = PickupLookup['lines'][number] & { pick: number };

/** The six digits in what the resident showed (a typed code, or a scanned QR/bar code). */
function codeIn(text: string): string {
  const match = /(?:^|\D)(\d{6})(?:\D|$)/.exec(text.trim());
  return match ? match[1] : '';
}

function doneView(result: VerifyResult) {
  return {
    orderNo: result.orderNo,
    name: result.nickname || '邻居',
    alreadyPicked: result.alreadyPicked,
    pickedNow: result.pickedNow,
    lines: result.lines.map((l) => ({
      key: l.batchItemId,
      title: l.title,
      text: `已取 ${l.picked}/${l.qty - l.refunded}`,
      done: l.picked >= l.qty - l.refunded,
    })),
  };
}

/**
 * 核销取货: the resident's 6-digit code (scanned or typed) finds their order; the
 * leader hands out all of it or part (per line), then confirms. Verifying an order
 * that was picked up before says so and changes nothing.
 */
Component({
  data: {
    queryBatchId: '',
    batchId: '',
    /** From the checklist: whose pickup this is. */
    hintName: '',
    code: '',
    phase: 'input' as Phase,
    /** The lookup (batch + code): loading, error with 重试, ready. */
    state: 'idle' as LoadState,
    error: '',
    notFound: false,
    order: null as null | { name: string; tail: string; orderNo: string },
    lines: [] as LookupLine[],
    submitting: false,
    submitError: '',
    result: null as null | ReturnType<typeof doneView>,
  },
  methods: {
    onLoad(query: { batchId?: string; code?: string; name?: string }) {
      this.setData({
        queryBatchId: query.batchId ?? '',
        hintName: query.name ? decodeURIComponent(query.name) : '',
        code: codeIn(query.code ?? ''),
      });
      if (this.data.code) void this.lookup();
    },
    onCode(event: WechatMiniprogram.CustomEvent) {
      this.setData({ code: String(event.detail ?? '').trim(), notFound: false });
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode', 'barCode'],
        success: (res) => {
          const code = codeIn(res.result ?? '');
          if (!code) return void wx.showToast({ title: '没有识别到取货码', icon: 'none' });
          this.setData({ code, notFound: false });
          void this.lookup();
        },
      });
    },
    onLookup() {
      if (!/^\d{6}$/.test(this.data.code)) return void wx.showToast({ title: '请输入6位取货码', icon: 'none' });
      void this.lookup();
    },
    onRetry() {
      void this.lookup();
    },
    async lookup() {
      const code = this.data.code;
      this.setData({ state: 'loading', error: '', notFound: false, submitError: '' });
      try {
        const batchId = this.data.batchId || (await leaderStore.batchFor(this.data.queryBatchId || undefined));
        const found = await leaderStore.lookupCode(batchId, code);
        if (code !== this.data.code) return; // another code was entered meanwhile
        if (!found) return void this.setData({ batchId, state: 'ready', notFound: true, phase: 'input' });
        const order = { name: found.name, tail: found.tail, orderNo: found.orderNo };
        if (found.picked) {
          this.setData({
            batchId,
            state: 'ready',
            phase: 'done',
            order,
            result: {
              orderNo: found.orderNo,
              name: found.name,
              alreadyPicked: true,
              pickedNow: 0,
              lines: found.lines.map((l) => ({
                key: l.key,
                title: l.title,
                text: `已取 ${l.picked}/${l.qty}`,
                done: true,
              })),
            },
          });
          return;
        }
        this.setData({
          batchId,
          state: 'ready',
          phase: 'lines',
          order,
          lines: found.lines.map((l) => ({ ...l, pick: l.left })),
        });
      } catch (err) {
        this.setData({ state: 'error', error: userMessage(err) });
      }
    },
    onPick(event: WechatMiniprogram.CustomEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`lines[${index}].pick`]: Number(event.detail) });
    },
    async onConfirm() {
      if (this.data.submitting) return;
      const lines = this.data.lines;
      const picking = lines.filter((l) => l.pick > 0);
      if (!picking.length) return void wx.showToast({ title: '请选择本次取走的数量', icon: 'none' });
      // Everything that is left: no lines (the server hands out the rest); else only these units.
      const all = lines.every((l) => l.pick === l.left);
      this.setData({ submitting: true, submitError: '' });
      try {
        const result = await leaderStore.verify(
          this.data.batchId,
          this.data.code,
          all ? undefined : picking.map((l) => ({ batchItemId: l.batchItemId, qty: l.pick })),
        );
        this.setData({ phase: 'done', result: doneView(result) });
        if (!result.alreadyPicked) wx.showToast({ title: '核销成功', icon: 'success' });
      } catch (err) {
        this.setData({ submitError: userMessage(err) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    onNext() {
      this.setData({
        code: '',
        hintName: '',
        phase: 'input',
        state: 'idle',
        notFound: false,
        order: null,
        lines: [],
        result: null,
        submitError: '',
      });
    },
  },
});

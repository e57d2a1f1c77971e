import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { Load } from '../load-state';
import { leaderBatchStore } from './batches';
import { residentViews, type ChecklistLine } from './checklist';
import type { RequestedLineInput } from '../../../typings/contracts/leader';
import type { VerifyResult } from '../../../typings/leader';

type Phase = 'input' | 'lines' | 'done';

/** The order found by its pickup code, before it is verified. */
export interface PickupLookup {
  name: string;
  tail: string;
  orderId: string;
  orderNo: string;
  picked: boolean;
  lines: Array<ChecklistLine & { left: number }>;
}

/** A line to hand out: `pick` units now, at most `left`. */
export type PickLine = PickupLookup['lines'][number] & { pick: number };

/** What the done screen shows. */
export interface VerifyDone {
  orderNo: string;
  name: string;
  alreadyPicked: boolean;
  pickedNow: number;
  lines: Array<{ key: string; title: string; text: string; done: boolean }>;
}

/** The six digits in what the resident showed (a typed code, or a scanned QR/bar code). */
export function codeIn(text: string): string {
  const match = /(?:^|\D)(\d{6})(?:\D|$)/.exec(text.trim());
  return match ? match[1] : '';
}

function doneView(result: VerifyResult): VerifyDone {
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
export class VerifyStore {
  queryBatchId = '';
  batchId = '';
  /** From the checklist: whose pickup this is. */
  hintName = '';
  code = '';
  phase: Phase = 'input';
  /** The lookup (batch + code). */
  readonly lookupLoad = new Load();
  notFound = false;
  order: { name: string; tail: string; orderNo: string } | null = null;
  lines: PickLine[] = [];
  readonly verifyLoad = new Load(() => false);
  result: VerifyDone | null = null;
  private verified: VerifyResult[] = [];

  constructor() {
    makeAutoObservable<VerifyStore, 'verified'>(this, {
      lookupLoad: false,
      verifyLoad: false,
      verified: false,
      takeVerified: false,
    });
  }

  /** The page opens (from the leader tab, or from the checklist with a name and maybe a code). */
  open(query: { batchId?: string; code?: string; name?: string }): void {
    this.next();
    this.queryBatchId = query.batchId ?? '';
    this.batchId = '';
    this.hintName = query.name ? decodeURIComponent(query.name) : '';
    this.code = codeIn(query.code ?? '');
    if (this.code) void this.lookup();
  }

  typeCode(text: string): void {
    this.code = text.trim();
    this.notFound = false;
  }

  /** 查询: the typed code, if it is one. */
  lookupTyped(): void {
    if (!/^\d{6}$/.test(this.code)) return void wx.showToast({ title: '请输入6位取货码', icon: 'none' });
    void this.lookup();
  }

  /** 扫码核销: a scanned code is looked up at once. */
  scan(): void {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode', 'barCode'],
      success: (res) => {
        const code = codeIn(res.result ?? '');
        if (!code) return void wx.showToast({ title: '没有识别到取货码', icon: 'none' });
        this.typeCode(code);
        void this.lookup();
      },
    });
  }

  /** Finds the order of the code: its lines to hand out, or that it was picked up, or not found. */
  async lookup(): Promise<void> {
    const code = this.code;
    this.notFound = false;
    this.verifyLoad.reset();
    await this.lookupLoad.run(
      async () => {
        const batchId = this.batchId || (await leaderBatchStore.batchFor(this.queryBatchId || undefined));
        return { batchId, found: await this.lookupCode(batchId, code) };
      },
      ({ batchId, found }) => {
        if (code !== this.code) return; // another code was entered meanwhile
        this.batchId = batchId;
        if (!found) {
          this.notFound = true;
          this.phase = 'input';
          return;
        }
        this.order = { name: found.name, tail: found.tail, orderNo: found.orderNo };
        if (found.picked) {
          this.phase = 'done';
          this.result = {
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
          };
          return;
        }
        this.phase = 'lines';
        this.lines = found.lines.map((l) => ({ ...l, pick: l.left }));
      },
    );
  }

  setPick(index: number, qty: number): void {
    const line = this.lines[index];
    if (line) line.pick = qty;
  }

  /** 确认取货: everything left (no lines: the server hands out the rest), else only the units picked now. */
  async confirm(): Promise<void> {
    if (this.verifyLoad.busy) return;
    const picking = this.lines.filter((l) => l.pick > 0);
    if (!picking.length) return void wx.showToast({ title: '请选择本次取走的数量', icon: 'none' });
    const all = this.lines.every((l) => l.pick === l.left);
    const lines = all ? undefined : picking.map((l) => ({ batchItemId: l.batchItemId, qty: l.pick }));
    const result = await this.verifyLoad.run(
      () => this.verify(this.batchId, this.code, lines),
      (r) => {
        this.phase = 'done';
        this.result = doneView(r);
      },
    );
    if (result && !result.alreadyPicked) wx.showToast({ title: '核销成功', icon: 'success' });
  }

  /** 换一个取货码 / 继续核销: back to an empty code. */
  next(): void {
    this.code = '';
    this.hintName = '';
    this.phase = 'input';
    this.lookupLoad.reset();
    this.verifyLoad.reset();
    this.notFound = false;
    this.order = null;
    this.lines = [];
    this.result = null;
  }

  /** Finds an order of the caller's point by its pickup code (the checklist searched by code). */
  async lookupCode(batchId: string, code: string): Promise<PickupLookup | null> {
    if (!batchId) return null;
    const result = await leaderService.checklist({ batchId, page: 1, pageSize: 1, search: code });
    const [resident] = residentViews(result);
    const order = result.r[0]?.o[0];
    if (!resident || !order) return null;
    const lines = resident.lines
      .filter((l) => l.key.startsWith(`${order.id}-`))
      .map((l) => ({ ...l, left: Math.max(0, l.qty - l.picked) }));
    return {
      name: resident.name,
      tail: resident.tail,
      orderId: order.id,
      orderNo: order.no,
      picked: order.s === 'picked_up' || lines.every((l) => l.left === 0),
      lines,
    };
  }

  /** Marks the order picked up: all that is left, or only `lines` (a partial pickup). */
  async verify(batchId: string, code: string, lines?: RequestedLineInput[]): Promise<VerifyResult> {
    const result = await leaderService.verify({ batchId, code, ...(lines ? { lines } : {}) });
    this.verified.push(result);
    return result;
  }

  /** Verifications since the last call, for the checklist to patch the rows it shows. */
  takeVerified(): VerifyResult[] {
    return this.verified.splice(0);
  }
}

export const verifyStore = new VerifyStore();

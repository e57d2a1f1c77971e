import type { BatchStatus, OrderStatus } from '../../../typings/models';
import { ORDER_STATUS_LABEL } from '../../../miniprogram/lib/status-labels';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const BATCH_STATUS: Record<BatchStatus, { text: string; type: TagType }> = {
  draft: { text: '草稿', type: 'info' },
  open: { text: '进行中', type: 'success' },
  cutoff: { text: '已截单', type: 'warning' },
  closed: { text: '已结束', type: 'info' },
};

/** An open batch whose selling window has not begun yet (明日预告) is not 进行中. */
export function batchTag(b: { status: string; opensAt?: string }, now = Date.now()) {
  if (b.status === 'open' && b.opensAt && Date.parse(b.opensAt) > now)
    return { text: '预告', type: 'primary' as TagType };
  return tag(BATCH_STATUS, b.status);
}

const ORDER_TAG: Record<OrderStatus, TagType> = {
  pending_payment: 'info',
  paid: 'primary',
  cancelled: 'info',
  arrived: 'warning',
  picked_up: 'success',
  refunding: 'danger',
  refunded: 'danger',
};
/** The names are the mini-program's (one table for residents, leaders and the console); the colours are the console's. */
export const ORDER_STATUS = Object.fromEntries(
  (Object.keys(ORDER_TAG) as OrderStatus[]).map((s) => [s, { text: ORDER_STATUS_LABEL[s], type: ORDER_TAG[s] }]),
) as Record<OrderStatus, { text: string; type: TagType }>;

export const REVIEW_STATUS: Record<string, { text: string; type: TagType }> = {
  pending: { text: '待审核', type: 'warning' },
  approved: { text: '已通过', type: 'success' },
  rejected: { text: '已驳回', type: 'danger' },
  refunded: { text: '已退款', type: 'info' },
  paid: { text: '已打款', type: 'success' },
};

/** 对账单 states (typings/contracts/admin/settlement.ts StatementStatus). */
export const STATEMENT_STATUS: Record<string, { text: string; type: TagType }> = {
  draft: { text: '待确认', type: 'warning' },
  confirmed: { text: '已确认', type: 'primary' },
  paid: { text: '已付款', type: 'success' },
};

/** Chargeback states (typings/leader.ts ChargebackStatus); a missing one is open. */
export const CHARGEBACK_STATUS: Record<string, { text: string; type: TagType }> = {
  open: { text: '待结算', type: 'warning' },
  disputed: { text: '申诉中', type: 'danger' },
  upheld: { text: '维持扣款', type: 'info' },
  waived: { text: '已撤销', type: 'success' },
};

export const CHARGEBACK_REASON: Record<string, string> = { shortage: '缺货', damage: '破损' };

export function tag<K extends string>(map: Record<K, { text: string; type: TagType }>, key: string) {
  return (map as Record<string, { text: string; type: TagType }>)[key] ?? { text: key, type: 'info' as TagType };
}

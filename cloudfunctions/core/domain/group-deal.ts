import type { GroupDealTerms, OrderStatus } from '../../../typings/models';
import { PAID_STATUSES } from './order-status';
import { addMinutes, PAY_WINDOW_MINUTES } from './time';

/**
 * 拼团 rules, pure. A batch item may carry a group price that needs `size`
 * residents to pay within `minutes` of the opener's payment; the group either
 * fills (every member's order goes ahead at the group price) or fails (every
 * paying member is refunded in full, unpaid members' orders are cancelled).
 * The orders are the truth: what a group does next is derived from its
 * members' order statuses, so a repeated or retried timer decides the same.
 */
export type { GroupDealTerms };

export const GROUP_SIZE = { min: 2, max: 50 } as const;
export const GROUP_MINUTES = { min: 5, max: 24 * 60 } as const;

/** Why the admin's terms cannot stand (a Chinese sentence), or undefined when they can. */
export function groupTermsProblem(terms: GroupDealTerms, listPriceFen: number): string | undefined {
  const { priceFen, size, minutes } = terms;
  if (!Number.isInteger(priceFen) || priceFen <= 0) return '拼团价须为正的整数分';
  if (priceFen >= listPriceFen) return '拼团价须低于团购价';
  if (!Number.isInteger(size) || size < GROUP_SIZE.min || size > GROUP_SIZE.max)
    return `成团人数须为 ${GROUP_SIZE.min}-${GROUP_SIZE.max} 人`;
  if (!Number.isInteger(minutes) || minutes < GROUP_MINUTES.min || minutes > GROUP_MINUTES.max)
    return `拼团时限须为 ${GROUP_MINUTES.min}-${GROUP_MINUTES.max} 分钟`;
  return undefined;
}

const earlier = (a: Date, b: Date): Date => (a.getTime() < b.getTime() ? a : b);

/** The group closes `minutes` after the opener paid, and never after the batch's cut-off (nothing is bought for it later). */
export function groupExpiresAt(openerPaidAt: Date, minutes: number, cutoffAt: Date): Date {
  return earlier(addMinutes(openerPaidAt, minutes), cutoffAt);
}

/** A joiner pays within the usual window, but never after the group closes (no payment can land on a failed group). */
export function joinPayDeadline(now: Date, expiresAt: Date): Date {
  return earlier(addMinutes(now, PAY_WINDOW_MINUTES), expiresAt);
}

/** 还差 N 人: members still needed. */
export const membersMissing = (size: number, paidMembers: number): number => Math.max(0, size - paidMembers);

export type GroupStatus = 'opening' | 'open' | 'filled' | 'failed';

export interface GroupState {
  status: GroupStatus;
  size: number;
  openerOrderId: string;
  /** Set once the opener paid. */
  expiresAt?: Date;
  /** The failed group's refunds were all asked for (nothing left to do). */
  refundedAt?: Date;
}

export interface MemberOrder {
  orderId: string;
  status: OrderStatus;
  paidAt?: Date;
  /** The order was claimed for a refund or refunded already (cancelClaimedAt, refunding, refunded). */
  refundAsked?: boolean;
}

export type GroupStep =
  | { kind: 'wait' }
  | { kind: 'open'; openerPaidAt: Date }
  | { kind: 'fill' }
  /** The opener never paid: the group ends without anyone to refund. */
  | { kind: 'drop' }
  | { kind: 'fail' }
  | { kind: 'refund'; refund: string[]; cancel: string[] }
  | { kind: 'done' };

/**
 * What the group does next, from its state and its members' orders.
 * `closed`: the batch stopped selling (cut-off, early close): an open group
 * cannot fill any more and fails at once.
 */
export function nextGroupStep(group: GroupState, members: MemberOrder[], now: Date, closed = false): GroupStep {
  const paid = members.filter((m) => PAID_STATUSES.includes(m.status) && !m.refundAsked);
  switch (group.status) {
    case 'opening': {
      const opener = members.find((m) => m.orderId === group.openerOrderId);
      if (opener && PAID_STATUSES.includes(opener.status) && opener.paidAt)
        return { kind: 'open', openerPaidAt: opener.paidAt };
      if (!opener || opener.status === 'cancelled') return { kind: 'drop' };
      return { kind: 'wait' };
    }
    case 'open':
      if (paid.length >= group.size) return { kind: 'fill' };
      if (closed || (group.expiresAt && now.getTime() >= group.expiresAt.getTime())) return { kind: 'fail' };
      return { kind: 'wait' };
    case 'failed': {
      const cancel = members.filter((m) => m.status === 'pending_payment').map((m) => m.orderId);
      const refund = paid.map((m) => m.orderId);
      if (!refund.length && !cancel.length) return group.refundedAt ? { kind: 'wait' } : { kind: 'done' };
      return { kind: 'refund', refund, cancel };
    }
    case 'filled':
      return { kind: 'wait' };
  }
}

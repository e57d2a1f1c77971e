import type { Order } from '../../../../typings/models';
import { groupExpiresAt, nextGroupStep, type MemberOrder } from '../../domain/group-deal';
import { groupById, groupsToSettle, markGroupRefunded, moveGroup, type GroupDealDoc } from '../../repos/group-deals';
import { groupMemberOrders, orderById } from '../../repos/orders';
import { cancelOrder } from '../order/cancel';
import { releaseOrder } from '../order/release-stock';
import { closeTradeBeforeCancel } from '../pay/close';
import { payDeps } from '../pay/deps';
import { refundLines } from '../refund/lines';
import type { SchedulerBudget } from '../scheduler/budget';

export const GROUP_FAILED_REASON = '拼团未成团，自动退款';

/** Deterministic per order: a retried or doubled tick asks WeChat Pay for the same refund. */
export const groupRefundNo = (orderNo: string): string => `group_${orderNo}`;

export interface GroupReport {
  groupsFilled: number;
  groupsFailed: number;
  groupRefunds: number;
}

export const emptyGroupReport = (): GroupReport => ({ groupsFilled: 0, groupsFailed: 0, groupRefunds: 0 });

const asMember = (o: Order): MemberOrder => ({
  orderId: o._id,
  status: o.status,
  ...(o.paidAt ? { paidAt: new Date(o.paidAt) } : {}),
  refundAsked: !!o.cancelClaimedAt || o.status === 'refunding' || o.status === 'refunded',
});

/**
 * Carries one group as far as it can go now (domain/group-deal decides each
 * step from its members' orders): opened when the opener paid, filled when the
 * last seat paid, failed at its time (or at once when the batch stopped
 * selling, `closed`), then every paid member refunded in full and every unpaid
 * one cancelled. Each move is a guarded status change and each refund has a
 * fixed number, so two callers at once, or a call cut short, do nothing twice.
 */
export async function settleGroup(
  group: GroupDealDoc,
  now: Date,
  report: GroupReport = emptyGroupReport(),
  closed = false,
): Promise<void> {
  for (let moves = 0; moves < 5; moves++) {
    const orders = await groupMemberOrders(group._id);
    const state = {
      ...group,
      expiresAt: group.expiresAt && new Date(group.expiresAt),
      refundedAt: group.refundedAt && new Date(group.refundedAt),
    };
    const step = nextGroupStep(state, orders.map(asMember), now, closed);
    switch (step.kind) {
      case 'wait':
        return;
      case 'open': {
        const expiresAt = groupExpiresAt(step.openerPaidAt, group.terms.minutes, new Date(group.cutoffAt));
        await moveGroup(group._id, 'opening', 'open', { expiresAt });
        break;
      }
      case 'fill':
        if (await moveGroup(group._id, 'open', 'filled', { filledAt: now })) report.groupsFilled++;
        break;
      case 'drop':
        await moveGroup(group._id, 'opening', 'failed', { failedAt: now, refundedAt: now });
        break;
      case 'fail':
        if (await moveGroup(group._id, 'open', 'failed', { failedAt: now })) report.groupsFailed++;
        break;
      case 'refund': {
        const byId = new Map(orders.map((o) => [o._id, o]));
        for (const id of step.refund) await refundMember(byId.get(id)!, report);
        for (const id of step.cancel) await cancelMember(byId.get(id)!);
        break;
      }
      case 'done':
        await markGroupRefunded(group._id, now);
        return;
    }
    group = (await groupById(group._id)) ?? group;
  }
}

/** The whole payment back (`group_<orderNo>`), then the stock and the limit, as for a cancel. */
async function refundMember(order: Order, report: GroupReport): Promise<void> {
  const lines = order.lines
    .map((l) => ({ batchItemId: l.batchItemId, qty: l.qty - l.refundedQty }))
    .filter((l) => l.qty > 0);
  try {
    // The group failing is not the resident's doing: a coupon on the order would come back with the refund.
    if (lines.length)
      await refundLines(order._id, lines, GROUP_FAILED_REASON, groupRefundNo(order.orderNo), payDeps, {
        couponBack: true,
      });
  } catch (err) {
    // Asked for but not confirmed by WeChat Pay yet: the order is refunding, its stock goes back all the same.
    if ((await orderById(order._id))?.status === 'refunding') await releaseOrder(order);
    throw err;
  }
  await releaseOrder(order);
  report.groupRefunds++;
}

/** An unpaid member: its WeChat Pay trade closed first (a payment that lands meanwhile is refunded next). */
async function cancelMember(order: Order): Promise<void> {
  if ((await closeTradeBeforeCancel(order)) === 'closed') await cancelOrder(order._id, GROUP_FAILED_REASON, { order });
}

/** A member's payment landed: the group moves on now (opened, or filled by the last seat). Best effort: the timer catches up. */
export async function groupMemberPaid(groupId: string, now: Date): Promise<void> {
  const group = await groupById(groupId);
  if (group) await settleGroup(group, now);
}

/**
 * The timer's part, every minute: groups whose time is up, opening ones, failed
 * ones with refunds left; of one batch at its cut-off (`batchId`: every group
 * still open ends, nothing is bought for it). True when none is left to settle.
 */
export async function settleGroups(
  now: Date,
  budget: SchedulerBudget,
  report: GroupReport,
  batchId?: string,
): Promise<boolean> {
  let complete = true;
  for (let after: string | undefined; ;) {
    const page = await groupsToSettle(now, { batchId, after });
    for (const group of page) {
      if (budget.spent) return false;
      try {
        await settleGroup(group, now, report, batchId !== undefined);
      } catch (err) {
        // One group's trouble (a refund WeChat Pay refused) holds up no other; it is tried again next tick.
        console.error(`[scheduler] group ${group._id}`, err);
        complete = false;
      }
    }
    if (page.length < 100) break;
    after = page[page.length - 1]._id;
  }
  return complete && (!batchId || (await groupsToSettle(now, { batchId })).length === 0);
}

import type { GroupDealTerms, GroupState, GroupStatus } from '../domain/group-deal';
import { addMinutes, PAY_WINDOW_MINUTES } from '../domain/time';
import { cmd, collection } from './db';

const groups = () => collection('groupDeals');

/** One seat of a group: the member's order. Keyed by the member's openid, so a resident holds one seat at most. */
export interface GroupSeat {
  orderId: string;
  at: Date;
}

/**
 * 拼团 a resident opened with their order (`_id` from the opener's order _id, so a
 * retried create opens no second group). `seats` counts members[] and only moves
 * with it, in one guarded update: it never exceeds `size`.
 */
export interface GroupDealDoc extends Omit<GroupState, 'expiresAt' | 'refundedAt'> {
  _id: string;
  batchId: string;
  batchItemId: string;
  /** The item's title and picture for the share card. */
  title: string;
  image?: string;
  /** The terms when the group was opened (the admin edits them only while the batch is a draft). */
  terms: GroupDealTerms;
  /** The item's price then: what members save. */
  listPriceFen: number;
  status: GroupStatus;
  seats: number;
  members: Record<string, GroupSeat>;
  openerOpenid: string;
  cutoffAt: Date;
  createdAt: Date;
  expiresAt?: Date;
  filledAt?: Date;
  failedAt?: Date;
  refundedAt?: Date;
}

export const groupById = (id: string) => groups().orNothing(() => groups().byId(id), undefined);

/** Opens the group with its opener's seat (the first one creates the collection); false when it exists already (a retried create). */
export const insertGroupOnce = (doc: GroupDealDoc) => groups().creating(() => groups().insertOnce(doc));

/**
 * Takes a seat for `openid` if, at this very write, the group is open, has a free
 * seat and this resident holds none: the guard and the $inc are one atomic
 * update, so parallel joins never overfill it (never a read, then a write).
 */
export async function takeSeat(groupId: string, size: number, openid: string, seat: GroupSeat): Promise<boolean> {
  const where = { _id: groupId, status: 'open', seats: cmd.lt(size), [`members.${openid}`]: cmd.exists(false) };
  return (await groups().update(where, { seats: cmd.inc(1), [`members.${openid}`]: cmd.set(seat) })) === 1;
}

/** Gives a member's seat back (a create that failed after taking it, a cancelled member), once; an ended group keeps its members. */
export async function releaseSeat(groupId: string, openid: string, orderId: string): Promise<boolean> {
  const where = { _id: groupId, status: cmd.in(['opening', 'open']), [`members.${openid}.orderId`]: orderId };
  return (await groups().update(where, { seats: cmd.inc(-1), [`members.${openid}`]: cmd.remove() })) === 1;
}

/** Moves the group from one status to another if it is still in `from` (the guard makes it happen once). */
export async function moveGroup(
  groupId: string,
  from: GroupStatus,
  to: GroupStatus,
  fields: Partial<GroupDealDoc>,
): Promise<boolean> {
  return (await groups().update({ _id: groupId, status: from }, { status: to, ...fields })) === 1;
}

export async function markGroupRefunded(groupId: string, at: Date): Promise<void> {
  await groups().update({ _id: groupId, status: 'failed' }, { refundedAt: at });
}

/**
 * A page (by _id, after `after`) of groups with something for the timer to do:
 * open ones past their time, failed ones not yet refunded, opening ones whose
 * opener's payment window is over (their payment opens them at once; this is
 * the backstop, and never races a create still writing the opener's order);
 * of one batch when given (its cut-off: every group not ended ends).
 */
export function groupsToSettle(
  now: Date,
  opts: { batchId?: string; after?: string; limit?: number } = {},
): Promise<GroupDealDoc[]> {
  const { batchId, after, limit = 100 } = opts;
  const due = batchId
    ? { batchId, status: cmd.in(['opening', 'open', 'failed']), refundedAt: cmd.exists(false) }
    : cmd.or([
        { status: 'opening', createdAt: cmd.lte(addMinutes(now, -PAY_WINDOW_MINUTES)) },
        { status: 'open', expiresAt: cmd.lte(now) },
        { status: 'failed', refundedAt: cmd.exists(false) },
      ]);
  const where = after === undefined ? due : cmd.and([due, { _id: cmd.gt(after) }]);
  return groups().orNothing(() => groups().find(where, { limit, orderBy: [['_id', 'asc']] }), []);
}

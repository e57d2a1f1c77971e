import type { BatchItem, Order } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { joinPayDeadline } from '../../domain/group-deal';
import { lineAmountFen } from '../../domain/money';
import type { PricedOrder } from '../../domain/pricing';
import { groupById, insertGroupOnce, releaseSeat, takeSeat, type GroupDealDoc } from '../../repos/group-deals';

/** What the resident asks at checkout: open a new 团, or join one shared with them. */
export type GroupDealAsk = { open: true } | { groupId: string };

/** The order's place in a group: its line repriced, what the order carries, and how to give the seat back. */
export interface GroupEntry {
  priced: PricedOrder;
  fields: Pick<Order, 'groupId'> & Partial<Pick<Order, 'payDeadline'>>;
  /** Gives back a seat this attempt took (the create failed after it); a retry's seat stays. */
  leave(): Promise<void>;
}

/** The group's _id: one per opener's order, so a retried create opens no second group. */
export const groupIdFor = (orderId: string) => `g_${orderId}`;

/**
 * 拼团 at checkout, the one place a group order is priced: the order is the group
 * item alone, and its line costs the item's group price (never the client's word;
 * never more than the item's price should it be marked down). Opening writes the
 * group with the opener's seat; joining takes a seat with one guarded update.
 */
export async function enterGroup(
  openid: string,
  orderId: string,
  ask: GroupDealAsk,
  priced: PricedOrder,
  items: Map<string, BatchItem>,
  now: Date,
): Promise<GroupEntry> {
  if (priced.lines.length !== 1) throw fail.invalid('拼团订单只能包含拼团商品');
  const item = items.get(priced.lines[0].batchItemId)!;
  if (!item.groupDeal) throw fail.invalid(`${item.title}没有拼团价`);
  const line = priced.lines[0];
  const priceFen = Math.min(item.groupDeal.priceFen, item.priceFen);
  const repriced = { ...line, priceFen, amountFen: lineAmountFen(priceFen, line.qty) };
  const out = { lines: [repriced], totalFen: repriced.amountFen };
  const seat = { orderId, at: now };
  if ('open' in ask) {
    const groupId = groupIdFor(orderId);
    await insertGroupOnce(newGroup(groupId, openid, orderId, item, now));
    // The opener keeps the seat should this attempt fail: a retry finds it, and a group whose
    // opener's order never came is ended by the timer.
    return { priced: out, fields: { groupId }, leave: nothing };
  }
  const group = await groupById(ask.groupId);
  if (!group || group.batchItemId !== item._id) throw fail.notFound('拼团');
  const held = group.members[openid];
  if (held && held.orderId !== orderId) throw fail.state('你已在这个团里了');
  if (group.status !== 'open' || !group.expiresAt) throw fail.state(closedMessage(group));
  const expiresAt = new Date(group.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw fail.state('这个团已结束，可以自己开一个团');
  const took = !held && (await takeSeat(group._id, group.size, openid, seat));
  if (!held && !took) {
    const again = await groupById(group._id);
    if (again?.members[openid]?.orderId !== orderId) throw fail.state(again ? closedMessage(again) : '拼团不存在');
  }
  return {
    priced: out,
    fields: { groupId: group._id, payDeadline: joinPayDeadline(now, expiresAt) },
    leave: () => (took ? dropSeat(group._id, openid, orderId) : nothing()),
  };
}

const nothing = async () => undefined;
const dropSeat = async (groupId: string, openid: string, orderId: string) => {
  await releaseSeat(groupId, openid, orderId);
};

function closedMessage(group: GroupDealDoc): string {
  if (group.status === 'opening') return '团长还没有付款，稍后再来';
  if (group.status === 'open') return '这个团已满，可以自己开一个团';
  if (group.status === 'filled') return '这个团已拼成，可以自己开一个团';
  return '这个团已结束，可以自己开一个团';
}

function newGroup(_id: string, openid: string, orderId: string, item: BatchItem, now: Date): GroupDealDoc {
  return {
    _id,
    batchId: item.batchId,
    batchItemId: item._id,
    title: item.title,
    ...(item.image ? { image: item.image } : {}),
    terms: item.groupDeal!,
    listPriceFen: item.priceFen,
    status: 'opening',
    size: item.groupDeal!.size,
    seats: 1,
    members: { [openid]: { orderId, at: now } },
    openerOrderId: orderId,
    openerOpenid: openid,
    cutoffAt: item.cutoffAt,
    createdAt: now,
  };
}

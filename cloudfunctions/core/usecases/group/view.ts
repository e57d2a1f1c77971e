import type { GroupView } from '../../../../typings/api';
import { fail } from '../../domain/errors';
import { membersMissing } from '../../domain/group-deal';
import { PAID_STATUSES } from '../../domain/order-status';
import { groupById } from '../../repos/group-deals';
import { groupMemberOrders } from '../../repos/orders';
import { profilesOf } from '../../repos/users';
import { authorOf } from '../review/views';

/**
 * A 拼团's progress as its share card and page show it, to any resident the
 * share reached: paid members count (a seat taken but unpaid does not), members
 * by masked nickname and avatar, never an openid or an order of someone else.
 */
export async function groupProgress(openid: string, groupId: string): Promise<GroupView> {
  const group = await groupById(groupId);
  if (!group) throw fail.notFound('拼团');
  const seats = Object.entries(group.members).sort(([, a], [, b]) => +new Date(a.at) - +new Date(b.at));
  const [orders, profiles] = await Promise.all([
    groupMemberOrders(groupId),
    profilesOf(seats.map(([member]) => member)),
  ]);
  const paid = new Set(orders.filter((o) => PAID_STATUSES.includes(o.status) && !o.cancelClaimedAt).map((o) => o._id));
  const mine = group.members[openid];
  return {
    _id: group._id,
    batchId: group.batchId,
    batchItemId: group.batchItemId,
    title: group.title,
    ...(group.image ? { image: group.image } : {}),
    priceFen: group.terms.priceFen,
    listPriceFen: group.listPriceFen,
    size: group.size,
    status: group.status,
    paidMembers: paid.size,
    missing: membersMissing(group.size, paid.size),
    ...(group.expiresAt ? { expiresAt: new Date(group.expiresAt).toISOString() } : {}),
    members: seats.map(([member, seat]) => {
      const profile = profiles.get(member);
      return {
        name: authorOf(profile?.nickname),
        ...(profile?.avatar ? { avatar: profile.avatar } : {}),
        opener: member === group.openerOpenid,
        paid: paid.has(seat.orderId),
      };
    }),
    joined: !!mine,
    ...(mine ? { myOrderId: mine.orderId } : {}),
  };
}

import type { VerifyResult } from '../../../../typings/leader';
import type { Order, OrderLine } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { pickupKey } from '../../domain/pickup-code';
import { now } from '../../infra/clock';
import { inTransaction } from '../../repos/db';
import { orderById, orderIdByPickupKey, orderIn, updateOrderIn } from '../../repos/orders';
import { refundReservationIn } from '../../repos/payments';
import { userById } from '../../repos/users';
import { orderChanged } from '../order/changed';
import { rewardReferral } from '../referral/reward';
import type { LeaderCaller } from './context';
import { endedShipping, uploadShipping } from './shipping';

/** Units of a line the resident may still take: bought − refunded (or promised to refunds) − picked. */
function pickable(line: OrderLine, reserved: Record<string, number>): number {
  return Math.max(0, line.qty - Math.max(line.refundedQty, reserved[line.batchItemId] ?? 0) - line.pickedQty);
}

/**
 * 核销: the code the resident shows (QR content = the 6-digit code) finds the
 * order through pickupKey = sha256(batch|point|code) with the CALLER's point, so
 * another leader's order is simply not found. Lines are marked picked inside a
 * transaction (a concurrent verification of the same order conflicts and is
 * re-run against the committed state, so no unit is counted twice); the order
 * is picked_up once nothing is left to take, with its shipping info (the goods
 * picked) pending in the same write; then it is uploaded once (shipping.ts),
 * and a failed upload is retried here or by the leader timer.
 */
export async function verifyPickup(
  caller: LeaderCaller,
  input: { batchId: string; code: string; lines?: Array<{ batchItemId: string; qty: number }> },
): Promise<VerifyResult> {
  const key = pickupKey(input.batchId, caller.pickupPointId, input.code);
  const foundId = await orderIdByPickupKey(key, input.batchId, caller.pickupPointId);
  if (!foundId) throw fail.notFound('取货码对应的订单');
  const at = now();
  const pointName = (await caller.point()).name;
  const outcome = await inTransaction(async (tx) => {
    const order = await orderIn<Order>(tx, foundId);
    if (!order) throw fail.notFound('订单');
    if (order.status === 'picked_up') return { order, pickedNow: 0, completed: false };
    if (order.status === 'paid') throw fail.state('商品尚未到货，请先确认到货');
    if (order.status !== 'arrived') throw fail.state('订单已退款或不可取货');
    const reserved = await refundReservationIn(tx, order.orderNo);
    const want = new Map((input.lines ?? []).map((l) => [l.batchItemId, l.qty]));
    for (const id of want.keys())
      if (!order.lines.some((l) => l.batchItemId === id)) throw fail.invalid(`lines: 订单中没有商品 ${id}`);
    let pickedNow = 0;
    const lines = order.lines.map((line) => {
      const left = pickable(line, reserved);
      const take = input.lines ? (want.get(line.batchItemId) ?? 0) : left;
      if (take > left) throw fail.state(`${line.title} 最多还可取 ${left} ${line.unit}`);
      pickedNow += take;
      return take ? { ...line, pickedQty: line.pickedQty + take } : line;
    });
    const completed = lines.every((l) => pickable(l, reserved) === 0);
    if (pickedNow === 0 && !completed) throw fail.state('没有可取的商品');
    const history = completed
      ? [...(order.history ?? []), { status: 'picked_up' as const, at, note: '核销取货' }]
      : order.history;
    const shipping = endedShipping(
      lines.map((l) => ({ title: l.title, qty: l.pickedQty })),
      pointName,
      at,
    );
    await updateOrderIn(tx, order._id, {
      lines,
      ...(completed ? { status: 'picked_up', pickedUpAt: at, history, shipping } : {}),
    });
    return {
      order: { ...order, lines, ...(completed ? { status: 'picked_up', shipping } : {}) } as Order,
      pickedNow,
      completed,
    };
  });
  let order = outcome.order;
  if (order.status === 'picked_up' && (outcome.completed || order.shipping?.status === 'failed')) {
    await uploadShipping(order);
    order = (await orderById(order._id)) ?? order;
  }
  const shipping =
    order.shipping?.status === 'uploaded' || order.shipping?.status === 'failed'
      ? { status: order.shipping.status, errCode: order.shipping.errCode }
      : undefined;
  // Picked up: the leader's commission is confirmed and the resident earns points (best effort; the commission timer catches up).
  if (outcome.completed) await orderChanged(order._id, at);
  // 邀请有礼: the invitee's first pickup rewards both, once (idempotent, so a repeated verify may try again).
  if (order.status === 'picked_up') await rewardReferral(order, at).catch((err) => console.error(err));
  const user = await userById(order.openid);
  return {
    orderId: order._id,
    orderNo: order.orderNo,
    status: order.status,
    nickname: user?.nickname ?? '',
    pickedNow: outcome.pickedNow,
    alreadyPicked: outcome.pickedNow === 0,
    lines: order.lines.map((l) => ({
      batchItemId: l.batchItemId,
      title: l.title,
      qty: l.qty,
      picked: l.pickedQty,
      refunded: l.refundedQty,
    })),
    ...(shipping
      ? { shipping: { status: shipping.status, ...(shipping.errCode ? { errCode: shipping.errCode } : {}) } }
      : {}),
  };
}

import type { MeResult, PickupPointView } from '../../../../typings/api';
import type { User } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { activeLeader, activeLeaderBrief, leaderByOpenid } from '../../repos/leaders';
import { activePickupPoint, activePickupPoints, pickupPointById } from '../../repos/pickup-points';
import { avatarOf, bindFirstPickupPoint, insertUser, setPickupPoint, setProfile, userById } from '../../repos/users';
import { pickupPointView } from '../order/views';
import { leaderIdFromScene } from '../../domain/scene';
import { phoneTail } from '../leader/notices';
import { bindReferral } from '../referral/bind';

export async function me(openid: string): Promise<MeResult> {
  const [user, leader] = await Promise.all([userById(openid), leaderByOpenid(openid)]);
  const point = user?.pickupPointId ? await pickupPointById(user.pickupPointId) : undefined;
  const pickupLeader = point ? await leaderCard(point.leaderId) : undefined;
  return {
    openid,
    ...(user?.nickname ? { nickname: user.nickname } : {}),
    ...(user?.avatar ? { avatar: user.avatar } : {}),
    ...(user?.phone ? { phoneTail: phoneTail(user.phone) } : {}),
    roles: user?.roles ?? ['resident'],
    registered: Boolean(user),
    pickupPoint: point ? pickupPointView(point) : null,
    ...(pickupLeader ? { pickupLeader } : {}),
    ...(user?.referrerLeaderId ? { referrerLeaderId: user.referrerLeaderId } : {}),
    ...(leader
      ? { leader: { _id: leader._id, name: leader.name, status: leader.status, pickupPointId: leader.pickupPointId } }
      : {}),
  };
}

/** Who runs a point, as home's header shows them; nothing while the leader is not active. */
async function leaderCard(leaderId: string): Promise<MeResult['pickupLeader']> {
  const leader = await activeLeaderBrief(leaderId);
  if (!leader) return undefined;
  const avatar = await avatarOf(leader.openid);
  return { name: leader.name, ...(avatar ? { avatar } : {}) };
}

/**
 * Attribution (首次进入绑定): the first visit creates the user and binds them to
 * the sharing leader's pickup point. Later shares by other leaders never
 * rebind: a resident moves only by choosing a point themselves. A resident who
 * came in without a share is bound by the first share that finds them unbound.
 * A neighbour's invite (ref) binds the resident to that neighbour once (referral/bind.ts).
 */
export async function enter(
  openid: string,
  input: { leaderId?: string; scene?: string; ref?: string },
  now: Date,
): Promise<MeResult> {
  // 邀请有礼: never in the way of the visit itself.
  if (input.ref) await bindReferral(openid, input.ref, now).catch((err) => console.error(err));
  const leaderId = input.leaderId ?? (input.scene ? leaderIdFromScene(input.scene) : undefined);
  const user = await userById(openid);
  if (user?.pickupPointId) return me(openid);
  const leader = leaderId ? await activeLeader(leaderId) : undefined;
  const point = leader ? await activePickupPoint(leader.pickupPointId, now) : undefined;
  const binding = leader && point ? { pickupPointId: point._id, referrerLeaderId: leader._id } : {};
  if (!user) {
    const fresh: User = { _id: openid, roles: ['resident'], ...binding, createdAt: now };
    // A lost race means another first visit already created (and maybe bound) the user.
    if (!(await insertUser(fresh)) && leader && point) await bindFirstPickupPoint(openid, point._id, leader._id, now);
  } else if (leader && point) {
    await bindFirstPickupPoint(openid, point._id, leader._id, now);
  }
  return me(openid);
}

export async function choosePickupPoint(openid: string, pickupPointId: string, now: Date): Promise<MeResult> {
  const point = await activePickupPoint(pickupPointId, now, true);
  if (!point) throw fail.notFound('自提点');
  if (!(await setPickupPoint(openid, point._id, now))) {
    const fresh: User = { _id: openid, roles: ['resident'], pickupPointId: point._id, createdAt: now };
    if (!(await insertUser(fresh))) await setPickupPoint(openid, point._id, now);
  }
  return me(openid);
}

export async function listPickupPoints(now: Date): Promise<PickupPointView[]> {
  const points = [...(await activePickupPoints(now)).values()];
  return points.sort((a, b) => a.name.localeCompare(b.name, 'zh')).map(pickupPointView);
}

/**
 * Profile fields come from WeChat's own flows: the nickname has passed
 * msgSecCheck (the caller checks it first), the phone came from
 * phonenumber.getPhoneNumber. A resident who never entered is created here.
 */
export async function saveProfile(
  openid: string,
  fields: Partial<Pick<User, 'nickname' | 'avatar' | 'phone'>>,
  now: Date,
): Promise<MeResult> {
  if (!(await setProfile(openid, fields, now))) {
    const fresh: User = { _id: openid, roles: ['resident'], ...fields, createdAt: now };
    if (!(await insertUser(fresh))) await setProfile(openid, fields, now);
  }
  return me(openid);
}

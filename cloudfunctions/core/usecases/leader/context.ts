import type { Leader, PickupPoint } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import type { CallContext } from '../../infra/handler';
import { requireRole } from '../../infra/roles';
import { leaderByOpenid } from '../../repos/leaders';
import { pickupPointById } from '../../repos/pickup-points';

export interface LeaderCaller {
  openid: string;
  leader: Leader;
  /** The caller's own pickup point: the only one any leader action touches. */
  pickupPointId: string;
  point(): Promise<PickupPoint>;
}

/**
 * The leader behind the call, from the database only: the role on users and an
 * active leaders document for the caller's OPENID. The point is the leader's
 * own; no action takes a leader or point id from the client.
 */
export async function requireLeader(ctx: CallContext): Promise<LeaderCaller> {
  const [user, leader] = await Promise.all([
    requireRole(ctx, 'leader'),
    ctx.openid ? leaderByOpenid(ctx.openid) : undefined,
  ]);
  if (!leader || leader.status !== 'active') throw fail.forbidden('团长资格未生效');
  let cached: PickupPoint | undefined;
  return {
    openid: user._id,
    leader,
    pickupPointId: leader.pickupPointId,
    async point() {
      cached ??= await pickupPointById(leader.pickupPointId);
      if (!cached) throw fail.notFound('自提点');
      return cached;
    },
  };
}

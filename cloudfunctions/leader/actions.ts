import type { leader } from '../../typings/contracts/leader';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import { createLeaderCoupon, leaderCoupons } from '../core/usecases/coupon/leader';
import { leaderReviewPage } from '../core/usecases/review/queries';
import type { ActionTable } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { applyForLeader, myApplication } from '../core/usecases/leader/apply';
import { confirmArrival } from '../core/usecases/leader/arrival';
import { leaderBatches } from '../core/usecases/leader/batches';
import { checklist, skuTotals } from '../core/usecases/leader/checklist';
import { requireLeader } from '../core/usecases/leader/context';
import { unnotified } from '../core/usecases/leader/notices';
import { nearbyPoints } from '../core/usecases/leader/points';
import { shareInfo } from '../core/usecases/leader/share';
import { listTraining } from '../core/usecases/leader/training';
import { verifyPickup } from '../core/usecases/leader/verify';

export const leaderActions: ActionTable<typeof leader> = {
  apply: async (input, ctx) => applyForLeader(await requireRole(ctx, 'resident', 'leader'), input, now()),
  myApplication: async (_input, ctx) => myApplication(requireOpenid(ctx)),
  nearbyPoints: async (input, ctx) => {
    requireOpenid(ctx);
    return nearbyPoints(input);
  },
  batches: async (_input, ctx) => leaderBatches(await requireLeader(ctx), now()),
  shareInfo: async ({ batchId }, ctx) => shareInfo(await requireLeader(ctx), batchId),
  checklist: async (input, ctx) => checklist(await requireLeader(ctx), input),
  skuTotals: async ({ batchId }, ctx) => skuTotals(await requireLeader(ctx), batchId),
  confirmArrival: async (input, ctx) => confirmArrival(await requireLeader(ctx), input),
  unnotified: async ({ batchId }, ctx) => unnotified(await requireLeader(ctx), batchId),
  verify: async (input, ctx) => verifyPickup(await requireLeader(ctx), input),
  training: async (input, ctx) => {
    await requireLeader(ctx);
    return listTraining(input);
  },
  reviews: async (input, ctx) => leaderReviewPage((await requireLeader(ctx)).leader._id, input),
  'coupons.create': async (input, ctx) => createLeaderCoupon(await requireLeader(ctx), input, now()),
  'coupons.list': async (_input, ctx) => leaderCoupons(await requireLeader(ctx), now()),
};

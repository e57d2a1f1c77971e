import { z } from 'zod';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { id } from '../core/infra/schemas';
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

/** Inputs and answers: typings/leader.ts. Leader and point ids never come from the client. */
const text = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(99_999);
const page = z.number().int().min(1).max(1000).default(1);
const noDuplicateItems = (lines: Array<{ batchItemId: string }>) =>
  new Set(lines.map((l) => l.batchItemId)).size === lines.length;

export const leaderActions = {
  /** A resident applies to become a leader (one pending application per user). */
  apply: action(
    z.object({
      name: text(20),
      phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入正确的手机号'),
      address: text(100),
      location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
      hours: text(30),
      photo: z
        .string()
        .max(512)
        .regex(/^cloud:\/\/\S+$/, '必须是云存储 fileID'),
      pointName: text(30).optional(),
    }),
    async (input, ctx) => applyForLeader(await requireRole(ctx, 'resident', 'leader'), input, now()),
  ),
  /** The caller's latest application (or null). */
  myApplication: action(z.object({}), async (_input, ctx) => myApplication(requireOpenid(ctx))),
  /** Active pickup points nearest to a location, with distances in meters. */
  nearbyPoints: action(
    z.object({
      lat: z.number().min(-90).max(90),
      lng: z.number().min(-180).max(180),
      limit: z.number().int().min(1).max(20).default(10),
    }),
    async (input, ctx) => {
      requireOpenid(ctx);
      return nearbyPoints(input);
    },
  ),
  /** The batches the leader works on (open, cut off, picked up in the last 7 days) and the one to show first. */
  batches: action(z.object({}), async (_input, ctx) => leaderBatches(await requireLeader(ctx), now())),
  shareInfo: action(z.object({ batchId: id }), async ({ batchId }, ctx) =>
    shareInfo(await requireLeader(ctx), batchId),
  ),
  checklist: action(
    z.object({
      batchId: id,
      page,
      pageSize: z.number().int().min(1).max(50).default(20),
      search: z
        .string()
        .regex(/^(\d{6}|\d{4})$/, '取货码6位或手机尾号4位')
        .optional(),
    }),
    async (input, ctx) => checklist(await requireLeader(ctx), input),
  ),
  skuTotals: action(z.object({ batchId: id }), async ({ batchId }, ctx) =>
    skuTotals(await requireLeader(ctx), batchId),
  ),
  confirmArrival: action(
    z.object({
      batchId: id,
      lines: z
        .array(
          z
            .object({ batchItemId: id, receivedQty: count, damagedQty: count })
            .refine((l) => l.damagedQty <= l.receivedQty, '破损数量不能大于收货数量'),
        )
        .max(200)
        .refine(noDuplicateItems, '商品重复'),
    }),
    async (input, ctx) => confirmArrival(await requireLeader(ctx), input),
  ),
  unnotified: action(z.object({ batchId: id }), async ({ batchId }, ctx) =>
    unnotified(await requireLeader(ctx), batchId),
  ),
  /** The code is what the resident's QR shows (wx.scanCode result) or what the leader types. */
  verify: action(
    z.object({
      batchId: id,
      code: z.string().regex(/^\d{6}$/, '取货码为6位数字'),
      lines: z
        .array(z.object({ batchItemId: id, qty: z.number().int().min(1).max(999) }))
        .min(1)
        .max(20)
        .refine(noDuplicateItems, '商品重复')
        .optional(),
    }),
    async (input, ctx) => verifyPickup(await requireLeader(ctx), input),
  ),
  training: action(z.object({ page, pageSize: z.number().int().min(1).max(20).default(10) }), async (input, ctx) => {
    await requireLeader(ctx);
    return listTraining(input);
  }),
};

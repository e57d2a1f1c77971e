import { z } from 'zod';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { id } from '../core/infra/schemas';
import { listApplications, reviewApplication } from '../core/usecases/leader/apply';
import { listLeaders, setPointActive } from '../core/usecases/leader/points';
import { publishTraining, setNoShowSettings } from '../core/usecases/leader/training';

/** The console's leader area (inputs and answers: typings/leader.ts). Every action checks the admin role in the database. */
const page = z.number().int().min(1).max(1000).default(1);
const pageSize = z.number().int().min(1).max(50).default(20);

export const leaderAdminActions = {
  'leaders.applications': action(
    z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), page, pageSize }),
    async (input, ctx) => {
      await requireRole(ctx, 'admin');
      return listApplications(input);
    },
  ),
  'leaders.review': action(
    z
      .object({
        applicationId: z.string().min(1).max(200),
        approve: z.boolean(),
        reason: z.string().trim().min(1).max(100).optional(),
      })
      .refine((i) => i.approve || i.reason, { message: '拒绝时必须填写原因', path: ['reason'] }),
    async (input, ctx) => {
      const admin = await requireRole(ctx, 'admin');
      return reviewApplication(input, admin._id, now());
    },
  ),
  'leaders.list': action(z.object({ page, pageSize, batchId: id.optional() }), async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return listLeaders(input);
  }),
  'leaders.setPointActive': action(z.object({ pickupPointId: id, active: z.boolean() }), async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return setPointActive(input.pickupPointId, input.active);
  }),
  'settings.noShow': action(
    z.object({
      /** Not `action`: that key names the action of every call. */
      rule: z.enum(['keep', 'restock', 'refund']),
      graceHours: z.number().int().min(0).max(168),
      remindHoursBefore: z.number().int().min(0).max(24).optional(),
    }),
    async (input, ctx) => {
      const admin = await requireRole(ctx, 'admin');
      return setNoShowSettings({ ...input, action: input.rule }, admin._id);
    },
  ),
  'training.publish': action(
    z.object({
      title: z.string().trim().min(1).max(50),
      body: z.string().trim().min(1).max(5000),
      url: z.string().url().max(500).optional(),
    }),
    async (input, ctx) => {
      const admin = await requireRole(ctx, 'admin');
      return publishTraining(input, admin._id);
    },
  ),
};

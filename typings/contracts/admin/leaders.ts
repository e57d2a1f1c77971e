import { z } from 'zod';
import type { ApplicationView, LeaderSummary, TrainingView } from '../../leader';
import { contract } from '../define';
import { id, paging } from '../shapes';
import type { HasMorePage } from './common';

const page = paging({ maxSize: 50, size: 20 });

/** The console's leader area: applications, leaders and their points, training. */
export const leaders = {
  'leaders.applications': contract(
    z.object({ status: z.enum(['pending', 'approved', 'rejected']).meta({ label: '申请状态' }).optional(), ...page }),
  ).answers<HasMorePage<ApplicationView>>(),
  /** Rejecting needs a reason. */
  'leaders.review': contract(
    z
      .object({
        applicationId: z.string().min(1).max(200).meta({ label: '申请' }),
        approve: z.boolean().meta({ label: '审核结果' }),
        reason: z.string().trim().min(1).max(100).meta({ label: '原因' }).optional(),
      })
      .refine((i) => i.approve || i.reason, { message: '拒绝时必须填写原因', path: ['reason'] }),
  ).answers<ApplicationView>(),
  /** Over all batches, or the given batch. */
  'leaders.list': contract(z.object({ ...page, batchId: id.meta({ label: '团期' }).optional() })).answers<
    HasMorePage<LeaderSummary>
  >(),
  'leaders.setPointActive': contract(
    z.object({ pickupPointId: id.meta({ label: '自提点' }), active: z.boolean().meta({ label: '启用' }) }),
  ).answers<{ pickupPointId: string; active: boolean; changed: boolean }>(),
  'training.publish': contract(
    z.object({
      title: z.string().trim().min(1).max(50).meta({ label: '标题' }),
      body: z.string().trim().min(1).max(5000).meta({ label: '正文' }),
      url: z.string().url().max(500).meta({ label: '链接' }).optional(),
    }),
  ).answers<TrainingView>(),
};

import * as z from 'zod/mini';
import type { ApplicationView, LeaderSummary, TrainingView } from '../../leader';
import { contract, label } from '../define';
import { id, paging } from '../shapes';
import type { HasMorePage } from './common';

const page = paging({ maxSize: 50, size: 20 });

/** The console's leader area: applications, leaders and their points, training. */
export const leaders = {
  'leaders.applications': contract(() =>
    z.object({ status: z.optional(label(z.enum(['pending', 'approved', 'rejected']), '申请状态')), ...page }),
  ).answers<HasMorePage<ApplicationView>>(),
  /** Rejecting needs a reason. */
  'leaders.review': contract(() =>
    z
      .object({
        applicationId: label(z.string().check(z.minLength(1), z.maxLength(200)), '申请'),
        approve: label(z.boolean(), '审核结果'),
        reason: z.optional(label(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), '原因')),
      })
      .check(z.refine((i) => i.approve || i.reason, { message: '拒绝时必须填写原因', path: ['reason'] })),
  ).answers<ApplicationView>(),
  /** Over all batches, or the given batch. */
  'leaders.list': contract(() => z.object({ ...page, batchId: z.optional(label(id, '团期')) })).answers<
    HasMorePage<LeaderSummary>
  >(),
  'leaders.setPointActive': contract(() =>
    z.object({ pickupPointId: label(id, '自提点'), active: label(z.boolean(), '启用') }),
  ).answers<{ pickupPointId: string; active: boolean; changed: boolean }>(),
  'training.publish': contract(() =>
    z.object({
      title: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(50)), '标题'),
      body: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)), '正文'),
      url: z.optional(label(z.url().check(z.maxLength(500)), '链接')),
    }),
  ).answers<TrainingView>(),
};

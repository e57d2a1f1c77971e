import type { leaders } from '../../typings/contracts/admin/leaders';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { listApplications, reviewApplication } from '../core/usecases/leader/apply';
import { listLeaders, setPointActive } from '../core/usecases/leader/points';
import { publishTraining } from '../core/usecases/leader/training';

export const leaderActions: ActionTable<typeof leaders> = {
  'leaders.applications': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return listApplications(input);
  },
  'leaders.review': async (input, ctx) => reviewApplication(input, (await requireRole(ctx, 'admin'))._id, now()),
  'leaders.list': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return listLeaders(input);
  },
  'leaders.setPointActive': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return setPointActive(input.pickupPointId, input.active);
  },
  'training.publish': async (input, ctx) => publishTraining(input, (await requireRole(ctx, 'admin'))._id),
};

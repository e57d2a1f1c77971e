import type { settlement } from '../../typings/contracts/admin/settlement';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin, requireAdminOrSupplier } from '../core/usecases/admin/access';
import { decide, disputeMine, listChargebacks } from '../core/usecases/settlement/chargebacks';
import {
  confirmStatement,
  generateStatements,
  getStatement,
  listStatements,
  payStatement,
  statementPeriod,
} from '../core/usecases/settlement/statements';

export const settlementActions: ActionTable<typeof settlement> = {
  'statements.period': async (input, ctx) => {
    // Anyone in the console may read it; only an admin changes it.
    if (input.kind) await requireAdmin(ctx);
    else await requireAdminOrSupplier(ctx);
    return statementPeriod(input.kind, now());
  },
  'statements.generate': async (input, ctx) => {
    await requireAdmin(ctx);
    return generateStatements(input.start, now());
  },
  'statements.list': async (input, ctx) => listStatements(await requireAdminOrSupplier(ctx), input),
  'statements.get': async (input, ctx) => getStatement(await requireAdminOrSupplier(ctx), input.id),
  'statements.confirm': async (input, ctx) =>
    confirmStatement(await requireAdminOrSupplier(ctx), input.id, input.totalFen, now()),
  'statements.pay': async (input, ctx) => {
    await requireAdmin(ctx);
    return payStatement(input.id, input.payoutRef, now());
  },
  'chargebacks.list': async (input, ctx) => listChargebacks(await requireAdminOrSupplier(ctx), input),
  'chargebacks.dispute': async (input, ctx) =>
    disputeMine(await requireAdminOrSupplier(ctx), input.id, input.reason, now()),
  'chargebacks.decide': async (input, ctx) => {
    await requireAdmin(ctx);
    return decide(input.id, input.uphold, input.reason, now());
  },
};

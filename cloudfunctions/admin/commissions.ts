import type { commissions } from '../../typings/contracts/admin/commissions';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { commissionSettings, saveCommissionSettings } from '../core/repos/settings';
import { reconcileCommissions } from '../core/usecases/commission/reconcile';
import {
  approveWithdrawal,
  listWithdrawals,
  markWithdrawalPaid,
  rejectWithdrawalById,
} from '../core/usecases/commission/withdraw';

/** Leaves a margin under the admin function's 60 s timeout. */
const RECONCILE_BUDGET_MS = 45_000;

export const commissionActions: ActionTable<typeof commissions> = {
  'withdrawals.list': async ({ status, leaderId, page, pageSize }, ctx) => {
    await requireRole(ctx, 'admin');
    return listWithdrawals({ ...(status ? { status } : {}), ...(leaderId ? { leaderId } : {}) }, page, pageSize);
  },
  'withdrawals.approve': async (input, ctx) =>
    approveWithdrawal(input.id, (await requireRole(ctx, 'admin'))._id, now()),
  'withdrawals.markPaid': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return markWithdrawalPaid(input.id, input.reference, now());
  },
  'withdrawals.reject': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return rejectWithdrawalById(input.id, input.reason, now());
  },
  'commission.settings.get': async (_input, ctx) => {
    await requireRole(ctx, 'admin');
    return commissionSettings();
  },
  'commission.settings.set': async (input, ctx) => {
    await requireRole(ctx, 'admin');
    await saveCommissionSettings(input, now());
    return commissionSettings();
  },
  /** The commission timer's job now (e.g. after fixing a category): same code, same checkpoint. */
  'commission.reconcile': async (_input, ctx) => {
    await requireRole(ctx, 'admin');
    return reconcileCommissions(RECONCILE_BUDGET_MS);
  },
};

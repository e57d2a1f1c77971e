import { z } from 'zod';
import type { CommissionSettings } from '../../typings/commission';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { requireRole } from '../core/infra/roles';
import { id } from '../core/infra/schemas';
import { loadSettings, saveSettings } from '../core/repos/commission-store';
import { reconcileCommissions } from '../core/usecases/commission/reconcile';
import {
  approveWithdrawal,
  listWithdrawals,
  markWithdrawalPaid,
  rejectWithdrawalById,
} from '../core/usecases/commission/withdraw';

const fen = z.number().int().min(0).max(1_000_000_000_00);
const tier = z.union([
  z.object({ minGmvFen: fen, bonusBps: z.number().int().min(0).max(5000) }).strict(),
  z.object({ minGmvFen: fen, bonusFen: fen }).strict(),
]);

const settingsSchema = z
  .object({
    settleDays: z.number().int().min(0).max(90),
    tiers: z.array(tier).max(20),
    newLeaderBonus: z
      .object({ days: z.number().int().min(1).max(365), minGmvFen: fen, bonusFen: fen })
      .strict()
      .nullable(),
    minWithdrawFen: z.number().int().min(1).max(100_000_00),
  })
  .strict()
  .refine((s) => s.tiers.every((t, i) => i === 0 || t.minGmvFen > s.tiers[i - 1].minGmvFen), {
    message: '阶梯门槛必须严格递增',
    path: ['tiers'],
  });

const WITHDRAWAL_STATUSES = ['pending', 'approved', 'paid', 'rejected'] as const;

/** The console's commission actions: every one checks the admin role in the database first. */
export const commissionAdminActions = {
  'withdrawals.list': action(
    z.object({
      status: z.enum(WITHDRAWAL_STATUSES).optional(),
      leaderId: id.optional(),
      page: z.number().int().min(1).max(1000).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    async (input, ctx) => {
      await requireRole(ctx, 'admin');
      const where = {
        ...(input.status ? { status: input.status } : {}),
        ...(input.leaderId ? { leaderId: input.leaderId } : {}),
      };
      return listWithdrawals(where, input.page, input.pageSize);
    },
  ),
  'withdrawals.approve': action(z.object({ id }), async (input, ctx) => {
    const admin = await requireRole(ctx, 'admin');
    return approveWithdrawal(input.id, admin._id, now());
  }),
  'withdrawals.markPaid': action(z.object({ id, reference: z.string().trim().min(1).max(64) }), async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return markWithdrawalPaid(input.id, input.reference, now());
  }),
  'withdrawals.reject': action(z.object({ id, reason: z.string().trim().min(1).max(80) }), async (input, ctx) => {
    await requireRole(ctx, 'admin');
    return rejectWithdrawalById(input.id, input.reason, now());
  }),
  'commission.settings.get': action(z.object({}), async (_input, ctx) => {
    await requireRole(ctx, 'admin');
    return loadSettings();
  }),
  'commission.settings.set': action(settingsSchema, async (input, ctx) => {
    await requireRole(ctx, 'admin');
    await saveSettings(input as CommissionSettings);
    return loadSettings();
  }),
  /** Runs the commission timer's job now (e.g. after fixing a category): same code, same checkpoint. */
  'commission.reconcile': action(z.object({}), async (_input, ctx) => {
    await requireRole(ctx, 'admin');
    return reconcileCommissions(45_000);
  }),
};

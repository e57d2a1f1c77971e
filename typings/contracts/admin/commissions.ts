import { z } from 'zod';
import type {
  CommissionSettings,
  ReconcileReport,
  WithdrawalListResult,
  WithdrawalStatus,
  WithdrawalView,
} from '../../commission';
import { contract } from '../define';
import { id, paging } from '../shapes';

const money = z.number().int().min(0).max(1_000_000_000_00);
const tier = z.union([
  z
    .object({
      minGmvFen: money.meta({ label: '阶梯门槛' }),
      bonusBps: z.number().int().min(0).max(5000).meta({ label: '奖励比例' }),
    })
    .strict(),
  z.object({ minGmvFen: money.meta({ label: '阶梯门槛' }), bonusFen: money.meta({ label: '奖励金额' }) }).strict(),
]);

const WITHDRAWAL_STATUSES: Record<WithdrawalStatus, true> = {
  pending: true,
  approved: true,
  paid: true,
  rejected: true,
};
const withdrawal = { id: id.meta({ label: '提现单' }) };

/** The console's commission actions: withdrawals, settings and the reconciliation job. */
export const commissions = {
  'withdrawals.list': contract(
    z.object({
      status: z
        .enum(Object.keys(WITHDRAWAL_STATUSES) as [WithdrawalStatus, ...WithdrawalStatus[]])
        .meta({ label: '提现状态' })
        .optional(),
      leaderId: id.meta({ label: '团长' }).optional(),
      ...paging({ maxSize: 100, size: 20 }),
    }),
  ).answers<WithdrawalListResult>(),
  'withdrawals.approve': contract(z.object(withdrawal)).answers<WithdrawalView>(),
  /** reference: the payout's bank / WeChat transfer number. */
  'withdrawals.markPaid': contract(
    z.object({ ...withdrawal, reference: z.string().trim().min(1).max(64).meta({ label: '付款流水号' }) }),
  ).answers<WithdrawalView>(),
  'withdrawals.reject': contract(
    z.object({ ...withdrawal, reason: z.string().trim().min(1).max(80).meta({ label: '驳回原因' }) }),
  ).answers<WithdrawalView>(),
  'commission.settings.get': contract(z.object({})).answers<CommissionSettings>(),
  /** Tiers strictly ascending by minGmvFen. */
  'commission.settings.set': contract(
    z
      .object({
        settleDays: z.number().int().min(0).max(90).meta({ label: '结算等待天数' }),
        tiers: z.array(tier).max(20).meta({ label: '阶梯奖励' }),
        newLeaderBonus: z
          .object({
            days: z.number().int().min(1).max(365).meta({ label: '新团长奖励天数' }),
            minGmvFen: money.meta({ label: '新团长门槛' }),
            bonusFen: money.meta({ label: '新团长奖励' }),
          })
          .strict()
          .nullable()
          .meta({ label: '新团长奖励' }),
        minWithdrawFen: z.number().int().min(1).max(100_000_00).meta({ label: '最低提现金额' }),
      })
      .strict()
      .refine((s) => s.tiers.every((t, i) => i === 0 || t.minGmvFen > s.tiers[i - 1].minGmvFen), {
        message: '阶梯门槛必须严格递增',
        path: ['tiers'],
      }),
  ).answers<CommissionSettings>(),
  /** Runs the commission timer's job now (e.g. after fixing a category): same code, same checkpoint. */
  'commission.reconcile': contract(z.object({})).answers<ReconcileReport>(),
};

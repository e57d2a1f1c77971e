import * as z from 'zod/mini';
import type {
  CommissionSettings,
  ReconcileReport,
  WithdrawalListResult,
  WithdrawalStatus,
  WithdrawalView,
} from '../../commission';
import { contract, label } from '../define';
import { id, paging } from '../shapes';

const money = z.int().check(z.gte(0), z.lte(1_000_000_000_00));
const tier = z.union([
  z.strictObject({
    minGmvFen: label(money, '阶梯门槛'),
    bonusBps: label(z.int().check(z.gte(0), z.lte(5000)), '奖励比例'),
  }),
  z.strictObject({ minGmvFen: label(money, '阶梯门槛'), bonusFen: label(money, '奖励金额') }),
]);

const WITHDRAWAL_STATUSES: Record<WithdrawalStatus, true> = {
  pending: true,
  approved: true,
  paid: true,
  rejected: true,
};
const withdrawal = { id: label(id, '提现单') };

/** The console's commission actions: withdrawals, settings and the reconciliation job. */
export const commissions = {
  'withdrawals.list': contract(() =>
    z.object({
      status: z.optional(
        label(z.enum(Object.keys(WITHDRAWAL_STATUSES) as [WithdrawalStatus, ...WithdrawalStatus[]]), '提现状态'),
      ),
      leaderId: z.optional(label(id, '团长')),
      ...paging({ maxSize: 100, size: 20 }),
    }),
  ).answers<WithdrawalListResult>(),
  'withdrawals.approve': contract(() => z.object(withdrawal)).answers<WithdrawalView>(),
  /** reference: the payout's bank / WeChat transfer number. */
  'withdrawals.markPaid': contract(() =>
    z.object({
      ...withdrawal,
      reference: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)), '付款流水号'),
    }),
  ).answers<WithdrawalView>(),
  'withdrawals.reject': contract(() =>
    z.object({ ...withdrawal, reason: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(80)), '驳回原因') }),
  ).answers<WithdrawalView>(),
  'commission.settings.get': contract(() => z.object({})).answers<CommissionSettings>(),
  /** Tiers strictly ascending by minGmvFen. */
  'commission.settings.set': contract(() =>
    z
      .strictObject({
        settleDays: label(z.int().check(z.gte(0), z.lte(90)), '结算等待天数'),
        tiers: label(z.array(tier).check(z.maxLength(20)), '阶梯奖励'),
        newLeaderBonus: label(
          z.nullable(
            z.strictObject({
              days: label(z.int().check(z.gte(1), z.lte(365)), '新团长奖励天数'),
              minGmvFen: label(money, '新团长门槛'),
              bonusFen: label(money, '新团长奖励'),
            }),
          ),
          '新团长奖励',
        ),
        minWithdrawFen: label(z.int().check(z.gte(1), z.lte(100_000_00)), '最低提现金额'),
      })
      .check(
        z.refine((s) => s.tiers.every((t, i) => i === 0 || t.minGmvFen > s.tiers[i - 1].minGmvFen), {
          message: '阶梯门槛必须严格递增',
          path: ['tiers'],
        }),
      ),
  ).answers<CommissionSettings>(),
  /** Runs the commission timer's job now (e.g. after fixing a category): same code, same checkpoint. */
  'commission.reconcile': contract(() => z.object({})).answers<ReconcileReport>(),
};

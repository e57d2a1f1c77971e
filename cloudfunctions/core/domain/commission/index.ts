// Leader commission (团长佣金): pure rules, no SDK, no I/O, time passed in.
export { commissionFen, BPS_PER_WHOLE } from './rate';
export { shanghaiMonth, shanghaiMonthWindow, BUSINESS_TZ } from './month';
export { ledgerKey, type LedgerEntry, type LedgerKind } from './ledger';
export { lineKeys, linePaidFen, type CommissionLine } from './lines';
export { onPaid } from './paid';
export { onPickedUp } from './pickup';
export { onRefund, type RefundEvent, type RefundedLine } from './refund';
export { settleDue } from './settle';
export { balance, type CommissionBalance } from './balance';
export {
  paidGmvFen,
  tierBonusFen,
  monthlyTierBonus,
  newLeaderBonus,
  type BonusTier,
  type NewLeaderBonusRule,
} from './bonus';
export {
  canWithdraw,
  withdrawableFen,
  requestWithdrawal,
  rejectWithdrawal,
  type WithdrawCheck,
  type WithdrawRefusal,
} from './withdraw';

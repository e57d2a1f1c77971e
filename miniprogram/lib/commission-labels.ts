/**
 * One set of names for a leader's commission states (typings/commission.ts
 * CommissionSummary), used by 团长中心 and 我的佣金 alike: pendingFen is
 * commission of orders not yet picked up, confirmedFen of picked-up orders
 * waiting out the after-sale days.
 */
export const BALANCE_LABEL = {
  withdrawable: '可提现',
  pending: '待取货',
  confirmed: '待结算',
  withdrawn: '已提现',
  total: '累计收益',
} as const;

import type { LedgerEntry } from './ledger';

export interface CommissionBalance {
  /** Booked on paid orders not yet picked up. */
  pendingFen: number;
  /** Picked up, waiting out the settlement days. */
  confirmedFen: number;
  /** Withdrawable: settled commission + bonuses − 团长券 used − withdrawals; negative only after a clawback or 团长券. */
  availableFen: number;
  /** Held or paid out by withdrawals that were not rejected. */
  withdrawnFen: number;
  /** All commission still standing after refunds, at any stage, plus bonuses, less 团长券 used. */
  totalEarnedFen: number;
}

type Stage = 'pending' | 'confirmed' | 'settled';

/**
 * Derived from the ledger only. An order's commission (its pending + reverse amounts)
 * sits in the furthest stage its markers reached, so the result doesn't depend on the
 * order the entries were written in. Pass one leader's entries.
 */
export function balance(entries: readonly LedgerEntry[]): CommissionBalance {
  const stageOf = new Map<string, Stage>();
  for (const e of entries) {
    if (e.kind === 'settle') stageOf.set(e.orderId!, 'settled');
    else if (e.kind === 'confirm' && stageOf.get(e.orderId!) !== 'settled') stageOf.set(e.orderId!, 'confirmed');
  }
  const b: CommissionBalance = { pendingFen: 0, confirmedFen: 0, availableFen: 0, withdrawnFen: 0, totalEarnedFen: 0 };
  for (const e of entries) {
    switch (e.kind) {
      case 'pending':
      case 'reverse': {
        const stage = stageOf.get(e.orderId!) ?? 'pending';
        if (stage === 'pending') b.pendingFen += e.amountFen;
        else if (stage === 'confirmed') b.confirmedFen += e.amountFen;
        else b.availableFen += e.amountFen;
        b.totalEarnedFen += e.amountFen;
        break;
      }
      case 'bonus':
      case 'coupon':
      case 'coupon_back':
        b.availableFen += e.amountFen;
        b.totalEarnedFen += e.amountFen;
        break;
      case 'withdraw':
      case 'withdraw_reject':
        b.availableFen += e.amountFen;
        b.withdrawnFen -= e.amountFen;
        break;
      case 'confirm':
      case 'settle':
        break; // markers: no money of their own
    }
  }
  return b;
}

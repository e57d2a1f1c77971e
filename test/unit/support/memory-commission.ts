import type { CommissionSettings, WithdrawalStatus } from '../../../typings/commission';
import type { Category, Order } from '../../../typings/models';
import type { LedgerEntry } from '../../../cloudfunctions/core/domain/commission';
import type { CommissionOrder } from '../../../cloudfunctions/core/repos/commission-orders';
import type { Tx } from '../../../cloudfunctions/core/repos/db';
import { DEFAULT_COMMISSION_SETTINGS } from '../../../cloudfunctions/core/repos/settings';
import type { WithdrawalDoc } from '../../../cloudfunctions/core/repos/withdrawals';
import type { CommissionRepos } from '../../../cloudfunctions/core/usecases/commission/record';
import type { WithdrawRepos } from '../../../cloudfunctions/core/usecases/commission/withdraw';
import { copy, MemoryTransactions } from './memory-tx';

/**
 * The commission records in memory: orders (as the hooks read them), categories,
 * commissionOrders, the ledger (_id = idempotency key), leader balances and
 * withdrawals, with the guards of the real repositories (a guarded status move
 * changes nothing when the status differs; a transaction is all or nothing).
 */
export class MemoryCommission implements CommissionRepos, WithdrawRepos {
  readonly orders = new Map<string, Order>();
  readonly commissionOrders = new Map<string, CommissionOrder>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly balances = new Map<string, number>();
  readonly withdrawals = new Map<string, WithdrawalDoc>();
  categories: Category[] = [];
  settings: CommissionSettings = { ...DEFAULT_COMMISSION_SETTINGS };
  private readonly tx = new MemoryTransactions(
    () => [this.commissionOrders, this.ledger, this.balances, this.withdrawals] as Array<Map<string, unknown>>,
  );

  /** Stores the order as the database would hold it after the caller's change. */
  saveOrder(order: Order): void {
    this.orders.set(order._id, copy(order));
  }

  /** A leader's entries, for the domain's balance(). */
  entriesOf(leaderId: string): LedgerEntry[] {
    return [...this.ledger.values()].filter((e) => e.leaderId === leaderId);
  }

  orderById = async (id: string) => copy(this.orders.get(id));
  commissionOrderById = async (id: string) => copy(this.commissionOrders.get(id));
  ledgerOfOrder = async (orderId: string) => copy([...this.ledger.values()].filter((e) => e.orderId === orderId));
  allCategories = async () => copy(this.categories);
  commissionSettings = async () => copy(this.settings);

  inTransaction = <T>(run: (tx: Tx) => Promise<T>, _retries?: number): Promise<T> => this.tx.run(run);
  commissionOrderIn = async (_tx: Tx, id: string) => copy(this.commissionOrders.get(id)) ?? null;
  putCommissionOrderIn = async (_tx: Tx, state: CommissionOrder) => {
    this.commissionOrders.set(state._id, copy(state));
  };
  entryIn = async (_tx: Tx, id: string) => copy(this.ledger.get(id)) ?? null;
  appendIn = async (_tx: Tx, entries: readonly LedgerEntry[]) => {
    for (const e of entries) this.ledger.set(e.id, copy(e));
  };
  availableIn = async (_tx: Tx, leaderId: string) => this.balances.get(leaderId) ?? 0;
  addAvailableIn = async (_tx: Tx, leaderId: string, delta: number, _at: Date) => {
    const next = (this.balances.get(leaderId) ?? 0) + delta;
    this.balances.set(leaderId, next);
    return next;
  };

  withdrawalById = async (id: string) => copy(this.withdrawals.get(id));
  withdrawalIn = async (_tx: Tx, id: string) => copy(this.withdrawals.get(id)) ?? null;
  putWithdrawalIn = async (_tx: Tx, doc: WithdrawalDoc) => {
    this.withdrawals.set(doc._id, copy(doc));
  };
  moveWithdrawal = async (
    id: string,
    from: readonly WithdrawalStatus[],
    to: WithdrawalStatus,
    fields: Partial<WithdrawalDoc>,
  ) => {
    const doc = this.withdrawals.get(id);
    if (!doc || !from.includes(doc.status)) return false;
    this.withdrawals.set(id, { ...doc, ...copy(fields), status: to });
    return true;
  };
}

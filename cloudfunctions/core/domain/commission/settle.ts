import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Orders confirmed at least `days` × 24h before `now` become withdrawable (the wait
 * leaves room for after-sales refunds; Shanghai has no DST, so 24h days are calendar
 * days). The settle marker is dated at the due instant, not at `now`, so a late or
 * repeated run builds identical entries; orders already settled in `entries` are skipped.
 *
 * `entries` may hold many leaders' ledgers, e.g. one page of the scheduler's scan.
 */
export function settleDue(entries: readonly LedgerEntry[], now: Date, days: number): LedgerEntry[] {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`settlement days must be a non-negative integer, got ${days}`);
  const settled = new Set(entries.filter((e) => e.kind === 'settle').map((e) => e.orderId));
  const due: LedgerEntry[] = [];
  for (const confirm of entries) {
    if (confirm.kind !== 'confirm' || settled.has(confirm.orderId)) continue;
    const at = new Date(confirm.at.getTime() + days * DAY_MS);
    if (at > now) continue;
    settled.add(confirm.orderId); // a confirm seen twice in the input still settles once
    due.push(
      ledgerEntry(ledgerKey.settle(confirm.orderId!), {
        leaderId: confirm.leaderId,
        orderId: confirm.orderId,
        kind: 'settle',
        amountFen: 0,
        at,
      }),
    );
  }
  return due;
}

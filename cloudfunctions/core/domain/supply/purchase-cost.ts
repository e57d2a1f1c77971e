/**
 * Purchase orders are priced at cost (以销定采: the platform owes the supplier
 * its cost price, never what residents paid). One line's amount and an order's
 * totals, written once for the cut-off documents and for a later cost change.
 */
export interface CostedLine {
  qty: number;
  /** null: the item has no cost price yet (成本待定). */
  unitCostFen: number | null;
  costFen: number;
}

export function costLine(qty: number, unitCostFen: number | undefined | null): Omit<CostedLine, 'qty'> {
  if (unitCostFen === undefined || unitCostFen === null) return { unitCostFen: null, costFen: 0 };
  return { unitCostFen, costFen: qty * unitCostFen };
}

export function costTotals(lines: readonly CostedLine[]): { totalCostFen: number; costPending: number } {
  return {
    totalCostFen: lines.reduce((s, l) => s + l.costFen, 0),
    costPending: lines.filter((l) => l.unitCostFen === null).length,
  };
}

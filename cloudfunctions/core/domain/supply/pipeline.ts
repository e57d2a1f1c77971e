/**
 * The day after cut-off, in order: one pipeline per batch. Each stage depends on
 * the one before it, so a stage starts only once the previous one is recorded
 * done on the batch's pipeline document:
 *
 * 1. cutoff     the batch and its items stop selling
 * 2. unpaid     orders still unpaid are cancelled once their payment window ends
 *               (or paid before it): afterwards the paid quantities are final
 * 3. minimums   an item whose paid quantity is below its minimum (起订量) does not
 *               run: every buyer's line is refunded
 * 4. aggregate  the paid order lines are summed (以销定采), leaving out refunded
 *               units and the items that did not run
 * 5. documents  purchase orders per supplier, packing lists per pickup point and
 *               the delivery route are written from that sum
 */
export const CUTOFF_STAGES = ['cutoff', 'unpaid', 'minimums', 'aggregate', 'documents', 'done'] as const;

export type CutoffStage = (typeof CUTOFF_STAGES)[number];
/** A stage that still has work to do. */
export type PendingStage = Exclude<CutoffStage, 'done'>;

/** The stage that follows `stage` ('done' stays 'done'). */
export function nextStage(stage: CutoffStage): CutoffStage {
  const i = CUTOFF_STAGES.indexOf(stage);
  return CUTOFF_STAGES[Math.min(i + 1, CUTOFF_STAGES.length - 1)];
}

/** True when a pipeline at `stage` has finished every stage before `target` (it may run `target`). */
export function reached(stage: CutoffStage, target: CutoffStage): boolean {
  return CUTOFF_STAGES.indexOf(stage) >= CUTOFF_STAGES.indexOf(target);
}

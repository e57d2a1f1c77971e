/**
 * A scheduler run's time budget. Each step stops between units of work when the
 * budget is spent; the state guards make the next tick carry on where this one
 * stopped, so a run never needs the function's whole timeout.
 */
export class SchedulerBudget {
  private readonly endsAt: number;
  constructor(
    ms: number,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.endsAt = clock() + ms;
  }
  get spent(): boolean {
    return this.clock() >= this.endsAt;
  }
}

/** Rows per database page: the cloud answers at most 1000 per get; small pages keep each step short. */
export const SCHEDULER_PAGE = 100;

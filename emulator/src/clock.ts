/**
 * The emulator's clock. Tests move it forward to make timers and business
 * deadlines pass; functions see the same time (their worker shifts Date).
 */
export class Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  /** Jump to an absolute time (ms since epoch or Date). */
  set(to: number | Date): void {
    this.offsetMs = +to - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  offset(): number {
    return this.offsetMs;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

/** Fault injection for reliability tests: failures, latency and forced conflicts. */
export interface FaultConfig {
  /** Fraction (0..1) of database requests that fail with DATABASE_REQUEST_FAILED. */
  dbFailRate?: number;
  /** Extra latency added to every /admin request, in ms. */
  latencyMs?: number;
  /** Fraction (0..1) of transaction commits that fail with DATABASE_TRANSACTION_CONFLICT. */
  txConflictRate?: number;
  /**
   * Writes outside a transaction to one document (by its _id) run one after another,
   * and each that changes it holds it this many ms: the cloud serializes writes to a
   * document (docs/hot-item.md). Writes to different documents still run in parallel.
   */
  docWriteMs?: number;
  /**
   * Open APIs that answer this errcode instead of doing their work, by cloud-call name,
   * e.g. { 'wxa.sec.order.uploadShippingInfo': -1 } (-1 系统繁忙, WeChat's transient error).
   */
  openApiErrcodes?: Record<string, number>;
  /** Database requests this picks (by action and request body) fail with DATABASE_REQUEST_FAILED: a test's aim at one kind of write. */
  dbFailWhen?: (action: string, body: Record<string, unknown>) => boolean;
}

export class Faults {
  config: FaultConfig = {};
  /** Deterministic PRNG so a failing run can be repeated. */
  private seed = 42;
  set(config: FaultConfig): void {
    this.config = { ...config };
  }
  clear(): void {
    this.config = {};
  }
  roll(rate: number | undefined): boolean {
    if (!rate) return false;
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    return this.seed / 0x7fffffff < rate;
  }
}

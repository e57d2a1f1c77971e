import type { Tx } from '../../../cloudfunctions/core/repos/db';

/** What an in-memory repository hands to the use case as the transaction: it has no collections of its own. */
export const MEMORY_TX: Tx = {
  collection(name: string) {
    throw new Error(`in-memory transaction: ${name} is read through the repository functions`);
  },
};

/** A document as the database keeps it: a copy, so a caller's later edits don't reach the store. */
export const copy = <T>(doc: T): T => structuredClone(doc);

/**
 * Transactions over Map-based tables, as the database runs them for writers of
 * the same documents: one after another (a conflict makes the loser start over
 * against the committed state), all or nothing (a throw restores every table).
 */
export class MemoryTransactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly tables: () => Array<Map<string, unknown>>) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const next = this.tail.then(async () => {
      const before = this.tables().map((t) => new Map(t));
      try {
        return await work(MEMORY_TX);
      } catch (err) {
        this.tables().forEach((t, i) => {
          t.clear();
          for (const [k, v] of before[i]) t.set(k, v);
        });
        throw err;
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

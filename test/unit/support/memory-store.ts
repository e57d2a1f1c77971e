/**
 * Documents by _id in a Map, handed out as copies (as a database hands out
 * what it read, not what it holds), for the in-memory repositories of the
 * unit tests. Each repository method does its check and its write without an
 * await in between, so concurrent callers see a guard exactly as the
 * database's conditional update applies it.
 */
export class MemoryStore<T extends { _id: string }> {
  readonly docs = new Map<string, T>();

  constructor(seed: T[] = []) {
    for (const doc of seed) this.docs.set(doc._id, structuredClone(doc));
  }

  get(id: string): T | undefined {
    const doc = this.docs.get(id);
    return doc && structuredClone(doc);
  }

  find(match: (doc: T) => boolean): T[] {
    return [...this.docs.values()].filter(match).map((d) => structuredClone(d));
  }

  /** False when a document with this _id exists already (the duplicate-key refusal). */
  insert(doc: T): boolean {
    if (this.docs.has(doc._id)) return false;
    this.docs.set(doc._id, structuredClone(doc));
    return true;
  }

  put(doc: T): void {
    this.docs.set(doc._id, structuredClone(doc));
  }

  /** Applies `change` if `guard` holds for the stored document; false otherwise (0 rows updated). */
  update(id: string, guard: (doc: T) => boolean, change: (doc: T) => void): boolean {
    const doc = this.docs.get(id);
    if (!doc || !guard(doc)) return false;
    change(doc);
    return true;
  }
}

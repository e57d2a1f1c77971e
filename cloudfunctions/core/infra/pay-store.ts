import { db } from './cloud';

/**
 * Small typed helpers over wx-server-sdk for the payment use cases. The SDK's
 * own typings are loose (update() may return void), so the shapes are set here.
 */
/** A collection with the loose SDK typings widened, so results read as plain objects. */
export const col = (name: string): any => db.collection(name);

export interface Tx {
  collection(name: string): any;
}

/** One document by _id, or null. A where() query does not throw for a missing document as doc().get() does. */
export async function findById<T>(collection: string, id: string): Promise<T | null> {
  const res = await col(collection).where({ _id: id }).limit(1).get();
  return ((res.data as unknown[])[0] as T) ?? null;
}

/**
 * One document inside a transaction, or null. The database answers an empty
 * list for a missing document; wx-server-sdk turns that into a thrown
 * "document with _id … does not exist", which is read back as null here.
 */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(collection).doc(id).get();
    return (res?.data as T) ?? null;
  } catch (err) {
    if (/does not exist/.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message))) return null;
    throw err;
  }
}

/**
 * Snapshot transaction: a concurrent writer of the same document makes one side
 * fail with a conflict, and runTransaction runs the loser again from the start,
 * so reads-then-writes inside stay exact.
 */
export function inTransaction<T>(run: (tx: Tx) => Promise<T>, retries = 5): Promise<T> {
  return db.runTransaction(run, retries) as Promise<T>;
}

/** Documents are immutable records with an _id the caller chose; strip it for set(). */
export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Inserts a document with a chosen _id; false when one with that _id exists already. */
export async function insertOnce<T extends { _id: string }>(collection: string, doc: T): Promise<boolean> {
  try {
    await col(collection).add({ data: doc });
    return true;
  } catch (err) {
    if (/DUPLICATE|duplicate key|E11000/i.test(String((err as Error)?.message ?? err))) return false;
    throw err;
  }
}

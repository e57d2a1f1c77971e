/**
 * The SDK has no code of its own for a unique-index clash: it reports -501001
 * with MongoDB's "E11000 duplicate key error, index: <coll>.<index>" message.
 */
function messageOf(err: unknown): string {
  const e = err as { errMsg?: string; message?: string };
  return `${e?.errMsg ?? ''} ${e?.message ?? ''}`;
}

export function isDuplicateKey(err: unknown): boolean {
  return /E11000|duplicate key/i.test(messageOf(err));
}

/** Which unique index clashed ('_id_', 'pickupKey', ...), when the message says. */
export function duplicateIndex(err: unknown): string | undefined {
  const m = /index:\s*(?:[\w-]+\.)?([\w$-]+)/.exec(messageOf(err));
  return m?.[1];
}

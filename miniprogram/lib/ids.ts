/**
 * An idempotency key for one checkout attempt. Uniqueness per resident is all it needs;
 * the mini-program has no crypto module, so time plus randomness it is.
 */
export function newRequestId(): string {
  const random = Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0'),
  );
  return `${Date.now().toString(36)}-${random.join('')}`;
}

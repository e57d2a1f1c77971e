/**
 * Money is always integer fen (分) end to end; only the UI turns it into yuan text.
 * A fractional fen means a float leaked into a price calculation, so fail loudly.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}

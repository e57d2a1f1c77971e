/** Integer fen from the API → ¥12.34 (no floating point on the way). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const n = Math.round(fen);
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** ¥ amount typed by an admin (e.g. "12.3") → integer fen, or NaN. */
export function toFen(input: string | number): number {
  const text = String(input).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return NaN;
  const [int, frac = ''] = text.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0'));
}

/** Basis points → "12%" / "8.5%". */
export function percent(bps: number | null | undefined): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps)) return '—';
  return `${Number((bps / 100).toFixed(2))}%`;
}

// China has no daylight saving time, so Asia/Shanghai is always UTC+8; no timezone library needed.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** '2024-05-01T10:30:00Z' → '05-01 18:30' (Beijing time). */
export function formatTime(iso: string): string {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(t.getTime())) return '';
  return `${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** Milliseconds from now until an ISO instant, never negative. */
export function msUntil(iso: string, now = Date.now()): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/** The Shanghai calendar date 'YYYY-MM-DD' of an instant (ms since epoch). */
export function shanghaiDate(ms: number): string {
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * When a batch opens, as a resident reads it (Beijing time): 今天 23:00 开抢 /
 * 明天 08:00 开抢, or 05-23 08:00 开抢 further out.
 */
export function opensLabel(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const [date, hm] = formatTime(iso).split(' ');
  const day = shanghaiDate(at);
  const when = day === shanghaiDate(now) ? '今天' : day === shanghaiDate(now + 24 * 3600 * 1000) ? '明天' : date;
  return `${when} ${hm} 开抢`;
}

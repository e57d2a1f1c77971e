const TZ = 'Asia/Shanghai';

/** Instants are shown in Shanghai time whatever the browser's zone. */
export function dateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(d)
    .replace(/\//g, '-');
}

/** 'YYYY-MM-DD' of an instant in Shanghai. */
export function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
}

/** A Shanghai wall-clock date + 'HH:mm' → ISO instant (Shanghai is UTC+8 all year). */
export function shanghaiInstant(date: string, hm: string): string {
  return new Date(`${date}T${hm}:00+08:00`).toISOString();
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

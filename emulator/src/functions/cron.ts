import { CronExpressionParser } from 'cron-parser';

/**
 * WeChat timer triggers use seven fields: second minute hour day month weekday year
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/triggers.html).
 * cron-parser understands the first six; the year field is checked here.
 */
export function nextFireTime(expression: string, afterMs: number): number {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer trigger needs 7 fields (s m h d M w y): "${expression}"`);
  const year = fields[6];
  const interval = CronExpressionParser.parse(fields.slice(0, 6).join(' '), {
    currentDate: new Date(afterMs),
    tz: 'Asia/Shanghai',
  });
  for (let i = 0; i < 1000; i++) {
    const next = interval.next().getTime();
    // Shanghai has no daylight saving: its year is the UTC year of the time + 8 h.
    if (year === '*' || yearMatches(year, new Date(next + 8 * 3600_000).getUTCFullYear())) return next;
  }
  throw new Error(`timer trigger "${expression}" never fires`);
}

function yearMatches(field: string, year: number): boolean {
  return field.split(',').some((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return hi === undefined ? year === lo : year >= lo && year <= hi;
  });
}

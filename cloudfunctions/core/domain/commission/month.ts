import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Leaders are paid by the calendar they live in, not by the UTC clock the functions run on. */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** 'YYYY-MM' of the Shanghai calendar month the instant falls in. */
export function shanghaiMonth(at: Date): string {
  return dayjs(at).tz(BUSINESS_TZ).format('YYYY-MM');
}

/** The month as a half-open UTC window [from, to): Shanghai midnight on the 1st to the next 1st. */
export function shanghaiMonthWindow(month: string): { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be 'YYYY-MM', got ${month}`);
  const start = dayjs.tz(`${month}-01 00:00:00`, BUSINESS_TZ);
  return { from: start.toDate(), to: start.add(1, 'month').toDate() };
}

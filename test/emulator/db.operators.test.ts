import { failure, startDb, type DbHarness } from './db-helpers';

// Aggregation string and date operators through the real wx-server-sdk, with the results and
// argument errors MongoDB 4.0 gives (the local cloud must not accept what the cloud refuses).
const ENV = 'db-ops-env';
let h: DbHarness;
// 18:30 UTC on the last day of 2024 is already 02:30 on 1 January 2025 in Shanghai.
const D = new Date('2024-12-31T18:30:05.123Z');
const S = '🙂héllo心谭'; // 🙂 4 bytes, é 2, 心 谭 3 each: 16 bytes, 8 code points (9 UTF-16 units)
beforeAll(async () => {
  h = await startDb(ENV);
  await h.db.createCollection('v');
  await h.db.collection('v').add({ data: { _id: 'one', d: D, s: S, ds: '2025-01-01', n: 5 } });
});
afterAll(() => h.running.stop());

/** The value of one expression for the document. */
async function value(expr: unknown): Promise<any> {
  const res = await h.db.collection('v').aggregate().project({ _id: 0, v: expr }).end();
  return res.list[0].v;
}

/** The error message the expression fails with. */
async function refused(expr: unknown): Promise<string> {
  const err = await failure(h.db.collection('v').aggregate().project({ _id: 0, v: expr }).end());
  return String(err.errMsg ?? err.message);
}

test('string lengths and positions count UTF-8 bytes (*Bytes) and code points (*CP)', async () => {
  const $ = h.db.command.aggregate;
  expect(await value($.strLenBytes('$s'))).toBe(16);
  expect(await value($.strLenCP('$s'))).toBe(8);
  expect(await value($.indexOfBytes(['$s', '心']))).toBe(10);
  expect(await value($.indexOfCP(['$s', '心']))).toBe(6);
  expect(await value($.indexOfCP(['$s', 'l', 4]))).toBe(4);
  // The match must start before <end>; for $indexOfBytes it must also end before it.
  expect(await value($.indexOfCP(['$s', 'l', 0, 3]))).toBe(-1);
  expect(await value($.indexOfBytes(['$s', 'l', 0, 8]))).toBe(7);
  expect(await value($.indexOfBytes(['$s', 'lo', 0, 8]))).toBe(-1);
  expect(await value($.indexOfCP(['$missing', 'a']))).toBeNull();
  expect(await value($.indexOfBytes(['$s', 'x', 20]))).toBe(-1);
});

test('substrings by bytes must not cut a character; by code points they cannot', async () => {
  const $ = h.db.command.aggregate;
  expect(await value($.substrBytes(['$s', 0, 4]))).toBe('🙂');
  expect(await value($.substrBytes(['$s', 4, 3]))).toBe('hé');
  expect(await value($.substr(['$s', 10, -1]))).toBe('心谭');
  expect(await value($.substrBytes(['$s', -1, 2]))).toBe('');
  expect(await value($.substrBytes([12345, 1, 2]))).toBe('23');
  expect(await value($.substrBytes(['$missing', 0, 2]))).toBe('');
  expect(await refused($.substrBytes(['$s', 1, 2]))).toContain('starting index is a UTF-8 continuation byte');
  expect(await refused($.substrBytes(['$s', 4, 2]))).toContain('ending index is in the middle of a UTF-8 character');
  expect(await refused($.substrBytes(['$s', '1', 2]))).toContain('starting index must be a numeric type');
  expect(await value($.substrCP(['$s', 0, 2]))).toBe('🙂h');
  expect(await value($.substrCP(['$s', 6, 5]))).toBe('心谭');
  expect(await refused($.substrCP(['$s', 0, -1]))).toContain('length must be a nonnegative integer');
  expect(await refused($.substrCP(['$s', -1, 1]))).toContain('starting index must be nonnegative');
  expect(await refused($.substrCP(['$s', 0.5, 1]))).toContain('32-bit integral');
  expect(await refused($.substr(['$s', 0]))).toContain('takes exactly 3 arguments');
});

test('string argument rules: types, nulls, arity, ASCII-only case mapping', async () => {
  const $ = h.db.command.aggregate;
  expect(await refused($.strLenBytes('$missing'))).toContain('$strLenBytes requires a string argument, found: missing');
  expect(await refused($.strLenCP('$n'))).toContain('$strLenCP requires a string argument, found: int');
  expect(await refused($.indexOfBytes(['$s', 'l', -1]))).toContain('requires a nonnegative starting index');
  expect(await refused($.indexOfCP(['$s', 'l', 1.5]))).toContain('requires an integral starting index');
  expect(await refused($.indexOfCP(['$n', 'l']))).toContain('requires a string as the first argument, found: int');
  expect(await refused($.indexOfCP(['$s']))).toContain('takes at least 2 arguments, and at most 4');
  expect(await value($.toUpper('$s'))).toBe('🙂HéLLO心谭');
  expect(await value($.toLower('ÀBC'))).toBe('Àbc');
  expect(await value($.toLower('$missing'))).toBe('');
  expect(await value($.strcasecmp(['abc', 'ABD']))).toBe(-1);
  expect(await value($.strcasecmp(['B', 'a']))).toBe(1);
  expect(await value($.strcasecmp(['héllo', 'HéLLO']))).toBe(0);
  expect(await value($.split(['a-b--c', '-']))).toEqual(['a', 'b', '', 'c']);
  expect(await refused($.split(['abc', '']))).toContain('non-empty separator');
  expect(await value($.concat(['$s', '$missing']))).toBeNull();
  expect(await refused($.concat(['a', '$n']))).toContain('$concat only supports strings, not int');
  expect(await value({ $trim: { input: '  x\u00a0\t' } })).toBe('x');
  expect(await value({ $ltrim: { input: 'xxhixx', chars: 'x' } })).toBe('hixx');
});

test('operators newer than MongoDB 4.0 are refused by name', async () => {
  for (const expr of [
    { $regexMatch: { input: '$s', regex: 'h' } },
    { $replaceAll: { input: '$s', find: 'l', replacement: 'L' } },
    { $dateAdd: { startDate: '$d', unit: 'day', amount: 1 } },
    { $dateTrunc: { date: '$d', unit: 'day' } },
    { $round: ['$n', 0] },
  ]) {
    expect(await refused(expr)).toContain(`Unrecognized expression '${Object.keys(expr)[0]}'`);
  }
  expect(await refused({ $first: ['$n'] })).toContain("Unrecognized expression '$first'");
});

test('$dateToString: format specifiers, timezone as Olson name or offset', async () => {
  const $ = h.db.command.aggregate;
  const fmt = '%Y-%m-%d %H:%M:%S.%L';
  expect(await value($.dateToString({ date: '$d', format: fmt }))).toBe('2024-12-31 18:30:05.123');
  for (const timezone of ['Asia/Shanghai', '+08:00', '+0800', '+08']) {
    expect(await value($.dateToString({ date: '$d', format: fmt, timezone }))).toBe('2025-01-01 02:30:05.123');
  }
  expect(await value($.dateToString({ date: '$d' }))).toBe('2024-12-31T18:30:05.123Z');
  // MongoDB keeps the literal Z of its default format even in another timezone.
  expect(await value($.dateToString({ date: '$d', timezone: '+08:00' }))).toBe('2025-01-01T02:30:05.123Z');
  expect(await value($.dateToString({ date: '$d', format: '%j %w %u %U %G-%V %z %Z %%' }))).toBe(
    '366 3 2 52 2025-01 +0000 +0 %',
  );
  expect(await value($.dateToString({ date: '$d', format: '%j %w %u %z %Z', timezone: 'Asia/Shanghai' }))).toBe(
    '001 4 3 +0800 +480',
  );
  expect(await value($.dateToString({ date: '$d', format: '%H %z', timezone: 'America/New_York' }))).toBe('13 -0500');
  expect(await value($.dateToString({ date: '$missing', format: fmt, onNull: 'none' }))).toBe('none');
  expect(await value($.dateToString({ date: '$missing', format: fmt }))).toBeNull();
  expect(await value($.dateToString({ date: '$d', format: fmt, timezone: '$missing' }))).toBeNull();
});

test('$dateToString refuses what MongoDB refuses', async () => {
  const $ = h.db.command.aggregate;
  expect(await refused($.dateToString({ date: '$d', format: '%q' }))).toContain("Invalid format character '%q'");
  expect(await refused($.dateToString({ date: '$d', format: 'at %' }))).toContain("Unmatched '%'");
  expect(await refused($.dateToString({ date: '$d', timezone: 'Mars/Olympus' }))).toContain(
    'unrecognized time zone identifier: "Mars/Olympus"',
  );
  // The tz database's spelling: MongoDB's lookup is case-sensitive.
  expect(await refused($.dateToString({ date: '$d', timezone: 'asia/shanghai' }))).toContain(
    'unrecognized time zone identifier',
  );
  expect(await refused($.dateToString({ date: '$d', timezone: 8 }))).toContain('timezone must evaluate to a string');
  expect(await refused($.dateToString({ date: '$ds', format: '%Y' }))).toContain(
    "can't convert from BSON type string to Date",
  );
  expect(await refused($.dateToString({ format: '%Y' }))).toContain("Missing 'date' parameter");
  expect(await refused($.dateToString({ date: '$d', zone: '+08' }))).toContain(
    'Unrecognized argument to $dateToString',
  );
});

test('date parts ($year … $isoWeek) in a timezone; $dateToParts', async () => {
  const $ = h.db.command.aggregate;
  const tz = (date: string) => ({ date, timezone: 'Asia/Shanghai' });
  const parts = await h.db
    .collection('v')
    .aggregate()
    .project({
      _id: 0,
      utcYear: $.year('$d'),
      year: $.year(tz('$d')),
      month: $.month(tz('$d')),
      day: $.dayOfMonth(tz('$d')),
      hour: $.hour(tz('$d')),
      minute: $.minute(tz('$d')),
      second: $.second(tz('$d')),
      ms: $.millisecond(tz('$d')),
      dayOfYear: $.dayOfYear(tz('$d')),
      dayOfWeek: $.dayOfWeek(tz('$d')),
      week: $.week(tz('$d')),
      isoWeek: $.isoWeek('$d'),
      isoWeekYear: $.isoWeekYear('$d'),
      isoDayOfWeek: $.isoDayOfWeek('$d'),
      none: $.year('$missing'),
    })
    .end();
  expect(parts.list[0]).toEqual({
    utcYear: 2024,
    year: 2025,
    month: 1,
    day: 1,
    hour: 2,
    minute: 30,
    second: 5,
    ms: 123,
    dayOfYear: 1,
    dayOfWeek: 4,
    week: 0,
    isoWeek: 1,
    isoWeekYear: 2025,
    isoDayOfWeek: 2,
    none: null,
  });
  expect(await refused($.year('$ds'))).toContain("can't convert from BSON type string to Date");
  expect(await refused($.month({ date: '$d', tz: '+08' }))).toContain('unrecognized option to $month');
  expect(await value({ $dateToParts: { date: '$d', timezone: 'Asia/Shanghai' } })).toEqual({
    year: 2025,
    month: 1,
    day: 1,
    hour: 2,
    minute: 30,
    second: 5,
    millisecond: 123,
  });
  expect(await value({ $dateToParts: { date: '$d', iso8601: true } })).toEqual({
    isoWeekYear: 2025,
    isoWeek: 1,
    isoDayOfWeek: 2,
    hour: 18,
    minute: 30,
    second: 5,
    millisecond: 123,
  });
  expect(await refused({ $dateToParts: { date: '$d', iso8601: 'yes' } })).toContain('iso8601 must evaluate to a bool');
});

test('$dateFromString and $dateFromParts read wall-clock times in a timezone', async () => {
  const $ = h.db.command.aggregate;
  const shanghai = 'Asia/Shanghai';
  expect(await value($.dateFromString({ dateString: '2025-01-01 02:30:05.123', timezone: shanghai }))).toEqual(D);
  expect(await value($.dateFromString({ dateString: '2024-12-31T18:30:05.123Z' }))).toEqual(D);
  expect(await value($.dateFromString({ dateString: '2025-01-01T02:30:05.123+08:00' }))).toEqual(D);
  expect(await value($.dateFromString({ dateString: '$ds', timezone: '+08:00' }))).toEqual(
    new Date('2024-12-31T16:00:00.000Z'),
  );
  expect(
    await value($.dateFromString({ dateString: '01/01/2025 02:30', format: '%d/%m/%Y %H:%M', timezone: '+08' })),
  ).toEqual(new Date('2024-12-31T18:30:00.000Z'));
  expect(await value($.dateFromString({ dateString: 'soon', onError: 'bad' }))).toBe('bad');
  expect(await value($.dateFromString({ dateString: '$missing', onNull: 'none' }))).toBe('none');
  expect(await refused($.dateFromString({ dateString: '2025-02-30' }))).toContain('Error parsing date string');
  expect(await refused($.dateFromString({ dateString: '2025-01-01T00:00:00Z', timezone: shanghai }))).toContain(
    'together with a timezone argument',
  );
  expect(await refused($.dateFromString({ dateString: '2025', format: '%Y %q' }))).toContain(
    "Invalid format character '%q'",
  );
  expect(
    await value(
      $.dateFromParts({
        year: 2025,
        month: 1,
        day: 1,
        hour: 2,
        minute: 30,
        second: 5,
        millisecond: 123,
        timezone: shanghai,
      }),
    ),
  ).toEqual(D);
  // Out-of-range parts carry over (MongoDB 4.0).
  expect(await value($.dateFromParts({ year: 2024, month: 13, day: 1 }))).toEqual(new Date('2025-01-01T00:00:00Z'));
  expect(await value($.dateFromParts({ isoWeekYear: 2025, isoWeek: 1, isoDayOfWeek: 2, hour: 18 }))).toEqual(
    new Date('2024-12-31T18:00:00Z'),
  );
  expect(await value($.dateFromParts({ year: '$missing' }))).toBeNull();
  expect(await refused($.dateFromParts({ year: 2025, month: 1.5 }))).toContain("'month' must evaluate to an integer");
  expect(await refused($.dateFromParts({ year: 2025, isoWeek: 1 }))).toContain('does not allow mixing natural dates');
  expect(await refused($.dateFromParts({ month: 1 }))).toContain("requires either 'year' or 'isoWeekYear'");
  expect(await refused($.dateFromParts({ year: 10000 }))).toContain("'year' must evaluate to an integer in the range");
});

test("the official node-sdk's date operator test (test/database/unit/aggregation.test.ts 'Date的各种操作符')", async () => {
  const { db } = h;
  const $ = db.command.aggregate;
  const date = new Date(1557826731686); // 2019-05-14T09:38:51.686Z, a Tuesday
  await db.createCollection('articles');
  await db.collection('articles').add({ data: { date } });
  const result = await db
    .collection('articles')
    .aggregate()
    .project({
      _id: 0,
      date: 1,
      dayOfWeek: $.dayOfWeek('$date'),
      dayOfYear: $.dayOfYear('$date'),
      dayOfMonth: $.dayOfMonth('$date'),
      year: $.year('$date'),
      month: $.month('$date'),
      hour: $.hour('$date'),
      minute: $.minute('$date'),
      second: $.second('$date'),
      millisecond: $.millisecond('$date'),
      week: $.week('$date'),
      dateFromParts: $.dateFromParts({ year: 2017, month: 2, day: 8, hour: 12, timezone: 'America/New_York' }),
      dateFromString: $.dateFromString({ dateString: date.toISOString() }),
      isoDayOfWeek: $.isoDayOfWeek('$date'),
      isoWeek: $.isoWeek('$date'),
      isoWeekYear: $.isoWeekYear('$date'),
    })
    .end();
  expect(result.list[0]).toEqual({
    date,
    year: 2019,
    month: 5,
    dayOfMonth: 14,
    hour: 9,
    minute: 38,
    second: 51,
    millisecond: 686,
    dayOfYear: 134,
    dayOfWeek: 3,
    week: 19,
    dateFromParts: new Date('2017-02-08T17:00:00.000Z'),
    dateFromString: date,
    isoDayOfWeek: 2,
    isoWeek: 20,
    isoWeekYear: 2019,
  });
});

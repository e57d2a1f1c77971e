import { failure, startDb, type DbHarness } from './db-helpers';

// Query operators over arrays (of embedded documents) through the real wx-server-sdk, as MongoDB
// evaluates them: any element may match, embedded documents of an array are walked into,
// arrays nested in arrays are not. And $jsonSchema in a query.
const ENV = 'db-arrays-env';
let h: DbHarness;
beforeAll(async () => {
  h = await startDb(ENV);
  const { db } = h;
  await db.createCollection('orders');
  const orders = [
    {
      _id: 'o1',
      items: [
        { sku: 'apple', qty: 5 },
        { sku: 'pear', qty: 12 },
      ],
      nums: [3, 10],
    },
    { _id: 'o2', items: [{ sku: 'apple', qty: 12 }], nums: [4, 7.9] },
    { _id: 'o3', items: [], nums: 9 },
    { _id: 'o4', items: [{ sku: 'fig' }, 7], nums: [[5]] },
    { _id: 'o5', items: [[{ sku: 'apple', qty: 12 }]] },
  ];
  for (const o of orders) await db.collection('orders').add({ data: o });
  await db.createCollection('people');
  const people = [
    { _id: 'p1', name: 'Ann', age: 30, tags: ['a'] },
    { _id: 'p2', name: 'Bob', age: 17.5 },
    { _id: 'p3', name: 5, age: 40 },
    { _id: 'p4', age: 40, extra: true },
    { _id: 'p5', name: 'Cy', age: 16 },
  ];
  for (const p of people) await db.collection('people').add({ data: p });
});
afterAll(() => h.running.stop());

async function ids(collection: string, where: object): Promise<string[]> {
  const res = await h.db.collection(collection).where(where).get();
  return res.data.map((d: any) => d._id).sort();
}

async function refused(collection: string, where: object): Promise<string> {
  const err = await failure(h.db.collection(collection).where(where).get());
  return String(err.errMsg ?? err.message);
}

test('$elemMatch: one element meets every condition; dotted fields may use different elements', async () => {
  const { _ } = h;
  expect(await ids('orders', { items: _.elemMatch({ sku: 'apple', qty: _.gt(10) }) })).toEqual(['o2']);
  expect(await ids('orders', { 'items.sku': 'apple', 'items.qty': _.gt(10) })).toEqual(['o1', 'o2']);
  // Value form on an array of numbers; a field that is not an array never matches.
  expect(await ids('orders', { nums: _.elemMatch({ $gte: 8, $lt: 11 }) })).toEqual(['o1']);
  // An inner array is not looked into: [[5]] has no element equal to 5.
  expect(await ids('orders', { nums: _.elemMatch({ $eq: 5 }) })).toEqual([]);
  expect(await ids('orders', { nums: _.elemMatch({ $elemMatch: { $eq: 5 } }) })).toEqual(['o4']);
  expect(await ids('orders', { items: _.all([_.elemMatch({ sku: 'apple' }), _.elemMatch({ qty: 12 })]) })).toEqual([
    'o1',
    'o2',
  ]);
  expect(await refused('orders', { items: { $elemMatch: 5 } })).toContain('$elemMatch needs an Object');
  expect(await refused('orders', { items: _.all([_.elemMatch({ sku: 'apple' }), 'x']) })).toContain(
    '$all/$elemMatch has to be consistent',
  );
});

test('$exists on paths through arrays of documents', async () => {
  const { _ } = h;
  expect(await ids('orders', { 'items.qty': _.exists(true) })).toEqual(['o1', 'o2']);
  expect(await ids('orders', { 'items.qty': _.exists(false) })).toEqual(['o3', 'o4', 'o5']);
  expect(await ids('orders', { 'items.sku': _.exists(true) })).toEqual(['o1', 'o2', 'o4']);
  expect(await ids('orders', { 'items.0': _.exists(true) })).toEqual(['o1', 'o2', 'o4', 'o5']);
  expect(await ids('orders', { 'items.1.qty': _.exists(true) })).toEqual(['o1']);
  expect(await ids('orders', { nums: _.exists(false) })).toEqual(['o5']);
});

test('$mod: any numeric element; divisor and remainder are truncated; malformed arguments are errors', async () => {
  const { _ } = h;
  expect(await ids('orders', { nums: _.mod([5, 0]) })).toEqual(['o1']);
  expect(await ids('orders', { 'items.qty': _.mod([6, 0]) })).toEqual(['o1', 'o2']);
  expect(await ids('orders', { nums: _.mod(5.9, 0.5) })).toEqual(['o1']);
  // 7.9 is truncated to 7.
  expect(await ids('orders', { nums: _.mod(7, 0) })).toEqual(['o2']);
  expect(await ids('orders', { nums: _.not(_.mod(5, 0)) })).toEqual(['o2', 'o3', 'o4', 'o5']);
  expect(await refused('orders', { nums: _.mod(0, 0) })).toContain('divisor cannot be 0');
  expect(await refused('orders', { nums: _.mod([5]) })).toContain('malformed mod, not enough elements');
  expect(await refused('orders', { nums: _.mod(['5', 0]) })).toContain('malformed mod, divisor not a number');
});

test('the same operators in aggregate $match stages', async () => {
  const { db, _ } = h;
  const first = await db
    .collection('orders')
    .aggregate()
    .match({ items: _.elemMatch({ sku: 'apple', qty: _.gt(10) }) })
    .project({ _id: 1 })
    .end();
  expect(first.list).toEqual([{ _id: 'o2' }]);
  const later = await db
    .collection('orders')
    .aggregate()
    .project({ items: 1, nums: 1 })
    .match({ 'items.qty': _.exists(true), nums: _.mod(5, 0) })
    .project({ _id: 1 })
    .end();
  expect(later.list).toEqual([{ _id: 'o1' }]);
});

test('$jsonSchema in a query: bsonType, required, properties, bounds', async () => {
  const { _ } = h;
  const adult = {
    $jsonSchema: {
      bsonType: 'object',
      required: ['name', 'age'],
      properties: { name: { bsonType: 'string', minLength: 2 }, age: { bsonType: 'int', minimum: 18 } },
    },
  };
  expect(await ids('people', adult)).toEqual(['p1']);
  expect(await ids('people', { $jsonSchema: { properties: { age: { bsonType: 'double' } } } })).toEqual(['p2']);
  expect(
    await ids('people', {
      $jsonSchema: { properties: { age: { type: 'number', maximum: 17, exclusiveMaximum: true } } },
    }),
  ).toEqual(['p5']);
  expect(
    await ids('people', {
      $jsonSchema: { properties: { _id: {}, name: {}, age: {} }, additionalProperties: false },
      age: _.gt(20),
    }),
  ).toEqual(['p3']);
  expect(
    await ids('people', {
      $jsonSchema: {
        properties: { tags: { bsonType: 'array', items: { enum: ['a'] }, minItems: 1 } },
        required: ['tags'],
      },
    }),
  ).toEqual(['p1']);
  expect(await ids('people', { $jsonSchema: { not: { required: ['name'] } } })).toEqual(['p4']);
  expect(await refused('people', { $jsonSchema: { properties: { age: { type: 'integer' } } } })).toContain(
    "type 'integer' is not currently supported",
  );
  expect(await refused('people', { $jsonSchema: { properties: { age: { format: 'int' } } } })).toContain(
    "keyword 'format' is not currently supported",
  );
  expect(await refused('people', { $jsonSchema: { minimumAge: 3 } })).toContain(
    'Unknown $jsonSchema keyword: minimumAge',
  );
});

test("the official node-sdk's array operator tests (test/database/unit/advanced-operator.test.ts)", async () => {
  const { db, _ } = h;
  await db.createCollection('passages');
  const data = [
    { category: 'Web', tags: ['JavaScript', 'C#'] },
    { category: 'Web2', tags: ['Go', 'C#'] },
    { category: 'luke', tags: ['Go'] },
    { category: 'Life', tags: ['Go', 'Python', 'JavaScript'] },
    { category: 'number', tags: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    { category: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
    { category: 'float', tags: ['Go', 'Python', 'JavaScript'] },
  ];
  await db.collection('passages').add({ data });
  const categories = async (where: object) =>
    (await db.collection('passages').where(where).get()).data.map((d: any) => d.category).sort();
  expect(await categories({ tags: _.all(['Go']) })).toEqual(['Life', 'Web2', 'float', 'luke']);
  expect(await categories({ tags: _.elemMatch(_.gt(2)) })).toEqual(['number']);
  expect(await categories({ tags: _.elemMatch(_.neq('Go')) })).not.toContain('luke');
  expect(await categories({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded']);
  expect(await categories({ tags: _.size(2) })).toEqual(['Web', 'Web2', 'embedded']);
  expect(await categories({ tags: _.exists(true) })).toHaveLength(7);
  expect(await categories({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded']);
  expect(await categories({ tags: _.elemMatch({ value: _.mod([4, 3]) }) })).toEqual(['embedded']);
  expect(await categories({ tags: _.elemMatch({ value: _.mod(4, 3) }) })).toEqual(['embedded']);
});

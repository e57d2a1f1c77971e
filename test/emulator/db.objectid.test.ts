import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDb, type DbHarness } from './db-helpers';

// ObjectId values as the SDK sends them (EJSON {"$oid": …}) in fields other than _id, following the
// official SDK test TencentCloudBase/node-sdk test/database/unit/oid.test.ts: stored as ObjectIds
// (matched by $oid, by $type, joined by $lookup), answered as their 24-hex string.
const ENV = 'db-oid-env';
const H1 = '64b7f0c2a1b2c3d4e5f60718';
const H2 = '64b7f0c2a1b2c3d4e5f60719';
const H3 = '64b7f0c2a1b2c3d4e5f6071a';
let h: DbHarness;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-oid-'));
  h = await startDb(ENV, { dataDir });
  await h.db.createCollection('refs');
});
afterAll(async () => {
  await h.running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const stored = (c: string, id: string) => h.running.cloud.db.env(ENV).coll(c).get(id)!;

test('an ObjectId field is stored as an ObjectId, matched by $oid and $type, answered as its hex string', async () => {
  const { db, _ } = h;
  await db.collection('refs').add({ data: { _id: 'r1', a: { $oid: H1 }, name: 'x' } });
  await db.collection('refs').add({ data: { _id: 'r2', a: H1, name: 'y' } });
  expect(stored('refs', 'r1').a._bsontype).toBe('ObjectId');
  const byOid = await db
    .collection('refs')
    .where({ a: { $oid: H1 } })
    .get();
  expect(byOid.data).toEqual([{ _id: 'r1', a: H1, name: 'x' }]);
  // A string with the same hex is another value (and type) in MongoDB.
  expect((await db.collection('refs').where({ a: H1 }).get()).data.map((d: any) => d._id)).toEqual(['r2']);
  expect(
    (
      await db
        .collection('refs')
        .where({ a: { $type: 'objectId' } })
        .get()
    ).data.map((d: any) => d._id),
  ).toEqual(['r1']);
  expect(
    (
      await db
        .collection('refs')
        .where({ a: _.in([{ $oid: H1 }]) })
        .get()
    ).data.map((d: any) => d._id),
  ).toEqual(['r1']);
  // The log keeps the type: after a restart the ObjectId still matches.
  const log = fs.readFileSync(path.join(dataDir, 'db', `${ENV}.log`), 'utf8');
  expect(log).toContain(`{"$oid":"${H1}"}`);
});

test('ObjectIds set by updates, inside arrays and embedded documents', async () => {
  const { db, _ } = h;
  await db.collection('refs').add({ data: { _id: 'r3', refs: [] } });
  await db
    .collection('refs')
    .doc('r3')
    .update({ data: { refs: _.push([{ $oid: H2 }]), owner: { id: { $oid: H3 } } } });
  const doc = stored('refs', 'r3');
  expect(doc.refs[0]._bsontype).toBe('ObjectId');
  expect(doc.owner.id._bsontype).toBe('ObjectId');
  const got = await db.collection('refs').doc('r3').get();
  expect(got.data).toEqual({ _id: 'r3', refs: [H2], owner: { id: H3 } });
  expect(
    (
      await db
        .collection('refs')
        .where({ refs: { $oid: H2 } })
        .get()
    ).data.map((d: any) => d._id),
  ).toEqual(['r3']);
  expect(
    (
      await db
        .collection('refs')
        .where({ 'owner.id': { $oid: H3 } })
        .count()
    ).total,
  ).toBe(1);
  const agg = await db
    .collection('refs')
    .aggregate()
    .match({ refs: { $oid: H2 } })
    .project({ _id: 0, refs: 1 })
    .end();
  expect(agg.list).toEqual([{ refs: [H2] }]);
});

test('_id as an ObjectId, and $lookup from an ObjectId field to an ObjectId _id', async () => {
  const { db } = h;
  await db.createCollection('users');
  await db.createCollection('invites');
  const added = await db.collection('users').add({ data: { _id: { $oid: H1 }, inviter: { $oid: H2 }, name: 'test' } });
  expect(added._id).toBe(H1);
  await db.collection('invites').add({ data: { _id: { $oid: H2 }, inviter: { $oid: H1 }, name: 'test1' } });
  const user = await db
    .collection('users')
    .where({ _id: { $oid: H1 } })
    .get();
  expect(user.data).toEqual([{ _id: H1, inviter: H2, name: 'test' }]);
  // doc(id) sends the id as a string, which is not the ObjectId.
  expect((await db.collection('users').where({ _id: H1 }).get()).data).toEqual([]);
  const joined = await db
    .collection('invites')
    .aggregate()
    .lookup({ from: 'users', localField: 'inviter', foreignField: '_id', as: 'user' })
    .end();
  expect(joined.list).toEqual([
    { _id: H2, inviter: H1, name: 'test1', user: [{ _id: H1, inviter: H2, name: 'test' }] },
  ]);
});

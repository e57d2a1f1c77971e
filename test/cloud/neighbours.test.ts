import { RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * N 位邻居已买: catalog.items and catalog.item answer, per item, how many
 * residents hold a paid order of it in the batch (each resident once; a
 * cancelled order or a line refunded in full no longer counts).
 */
jest.setTimeout(120_000);
const RES3 = 'oRESIDENT3';
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('neighbours-env');
}, 60_000);
afterAll(() => w?.stop());

const neighbours = async () => {
  const res = await w.call('catalog', { action: 'items', batchId: OPEN }, RES1);
  expect(res.ok).toBe(true);
  return Object.fromEntries(res.data.items.map((i: any) => [i._id, i.neighbours]));
};

test('residents who paid, each once; a cancelled order and a line refunded in full do not count', async () => {
  expect(Object.values(await neighbours()).every((n) => n === 0)).toBe(true);

  // RES1 buys eggs twice, RES2 eggs and rice, RES3 eggs (and cancels); an unpaid order counts for nobody.
  await w.paidOrder(RES1, OPEN, [{ batchItemId: ITEM.egg, qty: 1 }]);
  await w.paidOrder(RES1, OPEN, [
    { batchItemId: ITEM.egg, qty: 1 },
    { batchItemId: ITEM.qingcai, qty: 2 },
  ]);
  const res2 = await w.paidOrder(RES2, OPEN, [
    { batchItemId: ITEM.egg, qty: 2 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  const res3 = await w.paidOrder(RES3, OPEN, [{ batchItemId: ITEM.egg, qty: 1 }], 'pp-sunshine');
  await w.unpaidOrder(RES3, OPEN, [{ batchItemId: ITEM.pork, qty: 1 }], 'pp-sunshine');

  const bought = await neighbours();
  expect([bought[ITEM.egg], bought[ITEM.qingcai], bought[ITEM.rice], bought[ITEM.pork], bought[ITEM.grape]]).toEqual([
    3, 1, 1, 0, 0,
  ]);

  const cancel = await w.call('order', { action: 'cancel', orderId: res3._id }, RES3);
  expect(cancel.ok).toBe(true);
  // RES2's eggs refunded in full (a shortage at arrival): the order still holds the rice.
  const lines = res2.lines.map((l: any) => (l.batchItemId === ITEM.egg ? { ...l, refundedQty: l.qty } : l));
  await w.db.collection('orders').doc(res2._id).update({ data: { lines } });

  const after = await neighbours();
  expect([after[ITEM.egg], after[ITEM.qingcai], after[ITEM.rice], after[ITEM.pork]]).toEqual([1, 1, 1, 0]);
  // Anyone browsing sees the same figures; the item page says the same.
  expect(
    (await w.call('catalog', { action: 'items', batchId: OPEN }, RES3)).data.items.find((i: any) => i._id === ITEM.egg)
      .neighbours,
  ).toBe(1);
  const egg = await w.call('catalog', { action: 'item', batchItemId: ITEM.egg }, RES2);
  expect(egg.data.neighbours).toBe(1);
  expect((await w.call('catalog', { action: 'item', batchItemId: ITEM.rice }, RES2)).data.neighbours).toBe(1);
});

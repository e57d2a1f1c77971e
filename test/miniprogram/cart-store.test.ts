import { resetWx, wxMock } from './setup';
import { CartStore } from '../../miniprogram/stores/cart';

const EGGS = { batchItemId: 'eggs', title: '鸡蛋', priceFen: 1290 };
const MILK = { batchItemId: 'milk', title: '牛奶', priceFen: 990 };

beforeEach(resetWx);

test('adding the same item twice adds to its quantity', () => {
  const cart = new CartStore();
  cart.add(EGGS);
  cart.add(EGGS, 2);
  cart.add(MILK);

  expect(cart.lines).toEqual([
    { ...EGGS, qty: 3 },
    { ...MILK, qty: 1 },
  ]);
  expect(cart.count).toBe(4);
  expect(cart.totalFen).toBe(3 * 1290 + 990);
});

test('setQty changes one line; 0 removes it; remove and clear empty it', () => {
  const cart = new CartStore();
  cart.add(EGGS);
  cart.add(MILK);

  cart.setQty('eggs', 5);
  expect(cart.totalFen).toBe(5 * 1290 + 990);
  cart.setQty('eggs', 0);
  expect(cart.lines.map((l) => l.batchItemId)).toEqual(['milk']);
  cart.remove('milk');
  expect(cart.totalFen).toBe(0);
  cart.add(EGGS);
  cart.clear();
  expect(cart.count).toBe(0);
});

test('the cart survives a restart through wx storage key "cart"', () => {
  const before = new CartStore();
  before.add(EGGS, 2);
  expect(wxMock.setStorageSync).toHaveBeenLastCalledWith('cart', [{ ...EGGS, qty: 2 }]);

  const after = new CartStore();
  expect(after.lines).toEqual([{ ...EGGS, qty: 2 }]);
  expect(after.totalFen).toBe(2580);
});

test('malformed stored lines (older app versions, manual edits) are dropped, not crashed on', () => {
  wxMock.setStorageSync('cart', [{ ...EGGS, qty: 1 }, { batchItemId: 'x', qty: 'lots' }, null]);
  expect(new CartStore().lines).toEqual([{ ...EGGS, qty: 1 }]);

  wxMock.setStorageSync('cart', 'garbage');
  expect(new CartStore().lines).toEqual([]);
});

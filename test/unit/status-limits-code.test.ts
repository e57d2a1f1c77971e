import fc from 'fast-check';
import { remainingLimit, withinLimit } from '../../cloudfunctions/core/domain/limits';
import {
  ORDER_STATUSES,
  assertTransition,
  canTransition,
  sourcesOf,
} from '../../cloudfunctions/core/domain/order-status';
import {
  decryptPickupCode,
  encryptPickupCode,
  newPickupCode,
  pickupCodeKey,
  pickupKey,
} from '../../cloudfunctions/core/domain/pickup-code';

const KEY = pickupCodeKey('ab'.repeat(32));

test('the order status machine allows the business flow', () => {
  expect(canTransition('pending_payment', 'paid')).toBe(true);
  expect(canTransition('pending_payment', 'cancelled')).toBe(true);
  expect(canTransition('paid', 'arrived')).toBe(true);
  expect(canTransition('arrived', 'picked_up')).toBe(true);
  expect(canTransition('refunding', 'refunded')).toBe(true);
  expect(sourcesOf('cancelled')).toEqual(['pending_payment']);
});

test('illegal transitions are rejected: paid orders are not cancelled, final states stay final', () => {
  for (const [from, to] of [
    ['paid', 'cancelled'],
    ['cancelled', 'paid'],
    ['refunded', 'paid'],
    ['picked_up', 'arrived'],
    ['pending_payment', 'picked_up'],
    ['cancelled', 'cancelled'],
  ] as const) {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  }
  fc.assert(
    fc.property(
      fc.constantFrom('cancelled' as const, 'refunded' as const),
      fc.constantFrom(...ORDER_STATUSES),
      (from, to) => {
        expect(canTransition(from, to)).toBe(false);
      },
    ),
  );
});

test('remaining limit: 0 means unlimited, never negative', () => {
  expect(remainingLimit(0, 99)).toBeNull();
  expect(remainingLimit(3, 1)).toBe(2);
  expect(remainingLimit(3, 5)).toBe(0);
  expect(withinLimit(3, 1, 2)).toBe(true);
  expect(withinLimit(3, 1, 3)).toBe(false);
  expect(withinLimit(0, 1000, 1000)).toBe(true);
});

test('pickup codes are 6 digits, keyed by batch and point, and round-trip through AES-GCM', () => {
  for (let i = 0; i < 50; i++) expect(newPickupCode()).toMatch(/^\d{6}$/);
  expect(pickupKey('b1', 'pp1', '012345')).toMatch(/^[0-9a-f]{64}$/);
  expect(pickupKey('b1', 'pp1', '012345')).not.toBe(pickupKey('b1', 'pp2', '012345'));
  const cipher = encryptPickupCode('012345', KEY);
  expect(cipher).not.toContain('012345');
  expect(encryptPickupCode('012345', KEY)).not.toBe(cipher);
  expect(decryptPickupCode(cipher, KEY)).toBe('012345');
});

test('a tampered cipher or a wrong key does not decrypt', () => {
  const cipher = encryptPickupCode('654321', KEY);
  // Flip one bit of every byte in turn (iv, tag and cipher text): each must be refused.
  const raw = Buffer.from(cipher.slice(3), 'base64url');
  for (let i = 0; i < raw.length; i++) {
    const tampered = Buffer.from(raw);
    tampered[i] ^= 0x01;
    expect(() => decryptPickupCode(`v1.${tampered.toString('base64url')}`, KEY)).toThrow();
  }
  expect(() => decryptPickupCode(cipher, pickupCodeKey('11'.repeat(32)))).toThrow();
  expect(() => pickupCodeKey('short')).toThrow(/64 hex/);
});

test('a 小程序码 scene names the leader as l=<id>, URL-encoded or not; junk names nobody', () => {
  const { leaderIdFromScene } = require('../../cloudfunctions/core/domain/scene');
  expect(leaderIdFromScene('l%3Dleader-wang')).toBe('leader-wang');
  expect(leaderIdFromScene('l=leader-li')).toBe('leader-li');
  expect(leaderIdFromScene('leader-li')).toBe('leader-li');
  expect(leaderIdFromScene('%E0%A4%A')).toBeUndefined();
  expect(leaderIdFromScene('l=a b')).toBeUndefined();
});

test("an item poster's scene names the leader and 8 hex of the item, within 32 characters", () => {
  const { itemScene, leaderIdFromScene } = require('../../cloudfunctions/core/domain/scene');
  const scene = itemScene('ld-0123456789abcdef', 'b-0123456789abcdef_p-0123456789ab');
  expect(scene).toMatch(/^l=ld-0123456789abcdef&g=[0-9a-f]{8}$/);
  expect(scene).toHaveLength(32);
  expect(itemScene('ld-0123456789abcdef', 'b-0123456789abcdef_p-0123456789ab')).toBe(scene);
  expect(itemScene('ld-0123456789abcdef', 'b-0123456789abcdef_p-0123456789ac')).not.toBe(scene);
  expect(leaderIdFromScene(encodeURIComponent(scene))).toBe('ld-0123456789abcdef');
  expect(leaderIdFromScene('l=leader-li&g=xyz')).toBeUndefined();
  expect(() => itemScene('leader-with-a-much-longer-id', 'x')).toThrow(/unfit/);
});

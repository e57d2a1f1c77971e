import {
  addDays,
  batchPhase,
  businessDate,
  businessInstant,
  isBatchOpen,
  pickupDateFor,
} from '../../cloudfunctions/core/domain/time';

// 23:00 in Shanghai is 15:00 UTC: the cut-off is an instant, not "midnight on the server".
const cutoffAt = new Date('2026-12-01T15:00:00Z');
const batch = { status: 'open', opensAt: new Date('2026-11-30T15:00:00Z'), cutoffAt };

test('the cut-off instant is 23:00 Shanghai wall clock', () => {
  expect(businessInstant('2026-12-01', '23:00').toISOString()).toBe(cutoffAt.toISOString());
});

test('a batch is open up to 22:59:59 Shanghai and closed from 23:00:00, whatever the UTC date says', () => {
  expect(isBatchOpen(batch, new Date('2026-12-01T14:59:59.999Z'))).toBe(true);
  expect(isBatchOpen(batch, new Date('2026-12-01T15:00:00Z'))).toBe(false);
  // UTC midnight (08:00 Shanghai the next day) is long after the cut-off.
  expect(isBatchOpen(batch, new Date('2026-12-01T23:59:59Z'))).toBe(false);
  expect(batchPhase(batch, new Date('2026-12-02T00:00:00Z'))).toBe('closed');
});

test('before opensAt a published batch is upcoming; drafts and cut-off batches never sell', () => {
  expect(batchPhase(batch, new Date('2026-11-30T14:59:59Z'))).toBe('upcoming');
  expect(batchPhase({ ...batch, status: 'draft' }, new Date('2026-12-01T10:00:00Z'))).toBe('draft');
  expect(batchPhase({ ...batch, status: 'cutoff' }, new Date('2026-12-01T10:00:00Z'))).toBe('closed');
});

test("an instant's business date is the Shanghai date (16:30Z is already tomorrow)", () => {
  expect(businessDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  expect(businessDate(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  expect(businessDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
});

test('pickup is the Shanghai day after the cut-off', () => {
  expect(pickupDateFor(cutoffAt)).toBe('2026-12-02');
  // A cut-off at 00:30 Shanghai on the 2nd is 16:30Z on the 1st: pickup on the 3rd.
  expect(pickupDateFor(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-03');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
});

import { createHash, randomBytes, randomInt } from 'node:crypto';
import { businessDate } from './time';

/**
 * An order's _id is derived from who asked and their request id, so a retried
 * or doubled create collides on insert instead of making a second order.
 */
export function orderIdFor(openid: string, clientRequestId: string): string {
  return createHash('sha256').update(`order|${openid}|${clientRequestId}`).digest('hex').slice(0, 32);
}

/**
 * The number people read and WeChat Pay gets as out_trade_no (6..32 chars,
 * digits fine): Shanghai date + 10 random digits. Random, not derived, so a
 * rare clash (unique index) is solved by drawing again.
 */
export function newOrderNo(at: Date): string {
  const day = businessDate(at).replace(/-/g, '').slice(2);
  const rand = String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');
  return `${day}${rand}`;
}

/**
 * The key of one create attempt's holds on the items (BatchItem.held): drawn per
 * attempt, so a doubled request's holds are its own and it gives back only those.
 */
export function newReservationId(): string {
  return randomBytes(8).toString('hex');
}

/** Letters and digits nobody misreads (no 0/o, 1/l/i). */
const INVITE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A resident's 邀请有礼 code: 8 random characters (31^8 ≈ 8.5 × 10^11), opaque,
 * so a share path never carries an openid. A clash is solved by drawing again.
 */
export function newInviteCode(): string {
  return Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(0, INVITE_ALPHABET.length)]).join('');
}

import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * The 6-digit pickup code a resident shows at the pickup point. The database
 * keeps two things: pickupKey, a sha256 over batch, point and code, so a leader
 * typing the code finds the order without the code being stored in the clear;
 * and the code encrypted (AES-256-GCM) so the owner's order detail can show it.
 */

/** The AES key: PICKUP_CODE_KEY's value, 32 bytes as 64 hex characters. */
export function pickupCodeKey(raw: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(raw)) throw new Error('PICKUP_CODE_KEY must be 64 hex characters (32 bytes)');
  return Buffer.from(raw, 'hex');
}

/** A uniformly random code 000000..999999 from the CSPRNG (guessing one is 1 in a million). */
export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function pickupKey(batchId: string, pickupPointId: string, code: string): string {
  return createHash('sha256').update(`${batchId}|${pickupPointId}|${code}`).digest('hex');
}

/** 'v1.' + base64url(iv | tag | ciphertext); a fresh IV each time, so equal codes encrypt differently. */
export function encryptPickupCode(code: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
}

/** Throws when the cipher text was altered or the key is wrong (GCM authenticates). */
export function decryptPickupCode(cipherText: string, key: Buffer): string {
  if (!cipherText.startsWith('v1.')) throw new Error('unknown pickup code cipher version');
  const raw = Buffer.from(cipherText.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

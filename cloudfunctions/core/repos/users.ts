import type { User } from '../../../typings/models';
import { _ } from '../infra/cloud';
import { isDuplicateKey } from '../infra/db-errors';
import { C, coll, findOne, updatedCount } from './collections';
import { collection, regex } from './db';

export const userById = (openid: string) => findOne<User>(C.users, { _id: openid });

/** The user a web console account (CloudBase uid) was bound to. */
export const userByConsoleUid = (uid: string) => findOne<User>(C.users, { consoleUid: uid });

/** Creates the user; false when it already exists (a parallel first visit won). */
export async function insertUser(user: User): Promise<boolean> {
  try {
    await coll(C.users).add({ data: user });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Binds a pickup point only if the user has none yet (attribution is first-come). */
export async function bindFirstPickupPoint(openid: string, pickupPointId: string, leaderId: string, at: Date) {
  const res = await coll(C.users)
    .where({ _id: openid, pickupPointId: _.exists(false) })
    .update({ data: { pickupPointId, referrerLeaderId: leaderId, updatedAt: at } });
  return updatedCount(res) === 1;
}

export async function setPickupPoint(openid: string, pickupPointId: string, at: Date): Promise<boolean> {
  const res = await coll(C.users)
    .where({ _id: openid })
    .update({ data: { pickupPointId, updatedAt: at } });
  return updatedCount(res) === 1;
}

/** Makes a user the console account of a supplier: the role (once) and the supplier it acts for. */
export async function addSupplierRole(openid: string, supplierId: string, at: Date): Promise<void> {
  await collection('users').update({ _id: openid }, { roles: _.addToSet('supplier'), supplierId, updatedAt: at });
}

/** Buyers' names and phones for the console's order list. */
export const buyersByIds = (openids: readonly string[]) =>
  collection('users').byIds(openids, { _id: true, nickname: true, phone: true });

/** Users whose phone ends with these digits (at most `limit`). */
export async function openidsByPhoneTail(tail: string, limit: number): Promise<string[]> {
  const found = await collection('users').find({ phone: regex(`${tail}$`) }, { limit, fields: { _id: true } });
  return found.map((u) => u._id);
}

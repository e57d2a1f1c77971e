import type { User } from '../../../typings/models';
import { _ } from '../infra/cloud';
import { isDuplicateKey } from '../infra/db-errors';
import { C, coll, findOne, updatedCount } from './collections';

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

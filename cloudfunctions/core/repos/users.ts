import type { User } from '../../../typings/models';
import { cmd, collection, regex, txGet, txUpdate, type Tx } from './db';

const users = () => collection('users');

export const userById = (openid: string) => users().byId(openid);

/** Nicknames and avatars of these users, keyed by openid. */
export const profilesOf = (openids: string[]) => users().byIds(openids, { _id: true, nickname: true, avatar: true });

/** The user a web console account (CloudBase uid) was bound to. */
/** A user's avatar fileID, if they set one. */
export const avatarOf = async (openid: string): Promise<string | undefined> =>
  (await users().byId(openid, { _id: true, avatar: true }))?.avatar;

export const userByConsoleUid = (uid: string) => users().findOne({ consoleUid: uid });

/** Creates the user; false when it already exists (a parallel first visit won). */
export const insertUser = (user: User): Promise<boolean> => users().insertOnce(user);

/** Binds a pickup point only if the user has none yet (attribution is first-come). */
export async function bindFirstPickupPoint(openid: string, pickupPointId: string, leaderId: string, at: Date) {
  const changed = await users().update(
    { _id: openid, pickupPointId: cmd.exists(false) },
    { pickupPointId, referrerLeaderId: leaderId, updatedAt: at },
  );
  return changed === 1;
}

export async function setPickupPoint(openid: string, pickupPointId: string, at: Date): Promise<boolean> {
  return (await users().update({ _id: openid }, { pickupPointId, updatedAt: at })) === 1;
}

/** Sets profile fields (nickname, avatar, phone) of an existing user; false when there is none. */
export async function setProfile(
  openid: string,
  fields: Partial<Pick<User, 'nickname' | 'avatar' | 'phone'>>,
  at: Date,
): Promise<boolean> {
  return (await users().update({ _id: openid }, { ...fields, updatedAt: at })) === 1;
}

/** Makes a user the console account of a supplier: the role (once) and the supplier it acts for. */
export async function addSupplierRole(openid: string, supplierId: string, at: Date): Promise<void> {
  await users().update({ _id: openid }, { roles: cmd.addToSet('supplier'), supplierId, updatedAt: at });
}

/** The console accounts bound to these suppliers. */
export const supplierAccounts = (supplierIds: readonly string[]) =>
  supplierIds.length
    ? users().find(
        { supplierId: cmd.in([...supplierIds]), roles: 'supplier' },
        { orderBy: [['_id', 'asc']], fields: { _id: true, nickname: true, supplierId: true } },
      )
    : Promise.resolve([]);

/** Buyers' names and phones for the console's order list. */
export const buyersByIds = (openids: readonly string[]) =>
  users().byIds(openids, { _id: true, nickname: true, phone: true });

/** Users whose phone ends with these digits (at most `limit`). */
export async function openidsByPhoneTail(tail: string, limit: number): Promise<string[]> {
  const found = await users().find({ phone: regex(`${tail}$`) }, { limit, fields: { _id: true } });
  return found.map((u) => u._id);
}

export const userIn = (tx: Tx, openid: string) => txGet<User>(tx, 'users', openid);

export const setRolesIn = (tx: Tx, openid: string, roles: User['roles'], at: Date) =>
  txUpdate(tx, 'users', openid, { roles, updatedAt: at });

/** Residents per chosen pickup point. */
export async function residentsPerPoint(): Promise<Map<string, number>> {
  const $ = cmd.aggregate;
  const res = (await users()
    .raw.aggregate()
    .match({ pickupPointId: cmd.exists(true) })
    .group({ _id: '$pickupPointId', residents: $.sum(1) })
    .limit(10_000)
    .end()) as { list: Array<{ _id: string; residents: number }> };
  return new Map(res.list.map((r) => [r._id, r.residents]));
}

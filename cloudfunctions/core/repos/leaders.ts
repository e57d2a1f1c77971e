import type { Leader } from '../../../typings/models';
import type { LeaderExtras } from '../../../typings/leader';
import { cmd, collection, txSet, type Tx } from './db';

/** A leader with what the bonus rules read: approvedAt is set by leader review (createdAt stands in before it). */
export type LeaderRow = Pick<Leader, '_id' | 'status' | 'createdAt'> & { approvedAt?: Date };

const leaders = () => collection('leaders');

export const activeLeader = (leaderId: string): Promise<Leader | undefined> =>
  leaders().findOne({ _id: leaderId, status: 'active' });

/** An active leader's name and openid (to show who runs a pickup point). */
export const activeLeaderBrief = (leaderId: string): Promise<Pick<Leader, '_id' | 'name' | 'openid'> | undefined> =>
  leaders().findOne({ _id: leaderId, status: 'active' }, { _id: true, name: true, openid: true });

export const leaderByOpenid = (openid: string): Promise<Leader | undefined> => leaders().findOne({ openid });

/** Leaders' names by _id (for rankings). */
export async function leaderNames(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await leaders().byIds(ids, { _id: true, name: true });
  return new Map([...found.values()].map((l) => [l._id, l.name]));
}

const ROW = { _id: true, status: true, createdAt: true, approvedAt: true };

/** Leaders by _id after `after` (every leader, a page at a time). */
export function leadersAfter(after: string | undefined, limit: number): Promise<LeaderRow[]> {
  return leaders().find(after === undefined ? {} : { _id: cmd.gt(after) }, {
    orderBy: [['_id', 'asc']],
    limit,
    fields: ROW,
  });
}

/** Leaders approved in [from, to) (created then, for those without approvedAt), by _id after `after`. */
export function leadersApprovedIn(
  from: Date,
  to: Date,
  after: string | undefined,
  limit: number,
): Promise<LeaderRow[]> {
  const range = cmd.gte(from).and(cmd.lt(to));
  const where = cmd.or([{ approvedAt: range }, { approvedAt: cmd.exists(false), createdAt: range }]);
  return leaders().find(after === undefined ? where : cmd.and([where, { _id: cmd.gt(after) }]), {
    orderBy: [['_id', 'asc']],
    limit,
    fields: ROW,
  });
}

/** A page of leaders, newest first (the console's list). */
export function leadersNewestFirst(skip: number, limit: number): Promise<Leader[]> {
  return leaders().find({}, { orderBy: [['createdAt', 'desc']], skip, limit });
}

/** Caches the leader's share poster on the leaders document. */
export async function setPoster(leaderId: string, poster: NonNullable<LeaderExtras['poster']>): Promise<void> {
  await leaders().update({ _id: leaderId }, { poster });
}

/** Writes a new leader inside a transaction (its _id derives from the openid: never twice). */
export const putLeaderIn = (tx: Tx, leader: Leader & LeaderExtras) => txSet(tx, 'leaders', leader);

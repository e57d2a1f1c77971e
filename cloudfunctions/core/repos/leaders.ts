import type { Leader } from '../../../typings/models';
import { collection } from './db';

const leaders = () => collection('leaders');

export const activeLeader = (leaderId: string): Promise<Leader | undefined> =>
  leaders().findOne({ _id: leaderId, status: 'active' });

export const leaderByOpenid = (openid: string): Promise<Leader | undefined> => leaders().findOne({ openid });

/** Leaders' names by _id (for rankings). */
export async function leaderNames(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await leaders().byIds(ids, { _id: true, name: true });
  return new Map([...found.values()].map((l) => [l._id, l.name]));
}

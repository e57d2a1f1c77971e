import { collection } from './db';

/** Leaders' names by _id (for rankings). */
export async function leaderNames(ids: readonly string[]): Promise<Map<string, string>> {
  const found = await collection('leaders').byIds(ids, { _id: true, name: true });
  return new Map([...found.values()].map((l) => [l._id, l.name]));
}

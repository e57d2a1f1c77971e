import { cmd, collection } from './db';

/** Which of these orders asked for payment parameters (only those have a WeChat Pay trade). */
export async function preparedOrderNos(orderNos: string[]): Promise<Set<string>> {
  if (!orderNos.length) return new Set();
  const found = await collection('payments').find(
    { _id: cmd.in(orderNos) },
    { limit: orderNos.length, fields: { _id: true } },
  );
  return new Set(found.map((p) => p._id));
}

import type { PointsBalance, PointsEntry, PointsOrder } from '../domain/points';
import { collection, isMissingCollection, txGet, txSet, type Tx } from './db';

/**
 * Points: the append-only ledger (pointsLedger, _id = idempotency key), each
 * resident's balance (pointsBalances, the ledger's sum) and each order's points
 * (pointsOrders). The three change only together, in one transaction.
 */
const ledger = () => collection('pointsLedger');
const balances = () => collection('pointsBalances');

const withDate = <T extends { updatedAt?: Date; at?: Date }>(d: T): T => ({
  ...d,
  ...(d.at ? { at: new Date(d.at) } : {}),
  ...(d.updatedAt ? { updatedAt: new Date(d.updatedAt) } : {}),
});

export const balanceOf = async (openid: string): Promise<PointsBalance | undefined> => {
  const doc = await balances().orNothing(() => balances().byId(openid), undefined);
  return doc && withDate(doc);
};

export const balanceIn = async (tx: Tx, openid: string) => {
  const doc = await txGet<PointsBalance>(tx, 'pointsBalances', openid);
  return doc && { ...doc, _id: openid };
};

export const pointsOrderIn = async (tx: Tx, orderId: string) => {
  const doc = await txGet<PointsOrder>(tx, 'pointsOrders', orderId);
  return doc && { ...doc, _id: orderId };
};

export const entryExistsIn = async (tx: Tx, id: string) => (await txGet(tx, 'pointsLedger', id)) !== null;

/** Writes the balance, the entries and the order's points (when given) in the caller's transaction. */
export async function writeIn(
  tx: Tx,
  balance: PointsBalance,
  entries: readonly PointsEntry[],
  order?: PointsOrder,
): Promise<void> {
  for (const e of entries) await txSet(tx, 'pointsLedger', e);
  await txSet(tx, 'pointsBalances', balance);
  if (order) await txSet(tx, 'pointsOrders', order);
}

/** A page of a resident's ledger, newest first. */
export async function ledgerPage(openid: string, page: number, pageSize: number): Promise<PointsEntry[]> {
  const docs = await ledger().orNothing(
    () =>
      ledger().find(
        { openid },
        {
          orderBy: [
            ['at', 'desc'],
            ['_id', 'desc'],
          ],
          skip: (page - 1) * pageSize,
          limit: pageSize,
        },
      ),
    [],
  );
  return docs.map(withDate);
}

/** Every balance, 1000 at a time in _id order, after `after` (the year-end expiry walks them); none before the first. */
export async function* balancePages(after?: string): AsyncGenerator<PointsBalance[]> {
  try {
    for await (const page of balances().pages({}, { pageSize: 1000, after })) yield page;
  } catch (err) {
    if (!isMissingCollection(err)) throw err;
  }
}

import { cmd, collection, txGet, txSet, type Tx } from './db';

export interface CommissionOrderLine {
  key: string;
  rateBps: number;
  /** The paid amount the pending entry was booked on. */
  baseFen: number;
  amountFen: number;
  /** The line's refundedFen that the ledger has accounted for so far. */
  refundedFen: number;
}

/**
 * What the ledger says about one order (collection commissionOrders), kept in
 * the same transaction as every ledger write for the order, so two writers of
 * the same order are serialized by the database (a conflict makes the loser
 * start over) and can never both reverse the same refund. Rebuilt from the
 * ledger if it is ever missing.
 */
export interface CommissionOrder {
  _id: string;
  leaderId: string;
  paidAt: Date;
  stage: 'pending' | 'confirmed' | 'settled';
  lines: CommissionOrderLine[];
  /** Sum of the order's pending + reverse amounts. */
  netFen: number;
  /** Paid − refunded as accounted (sales for stats). */
  gmvFen: number;
  confirmAt?: Date;
  settledAt?: Date;
  /** 团长券 on the order: its discount charged to its leader (coupon entry), and given back (coupon_back). */
  couponCharged?: boolean;
  couponReturned?: boolean;
  updatedAt: Date;
}

const commissionOrders = () => collection('commissionOrders');

export const commissionOrderById = (orderId: string) => commissionOrders().byId(orderId);

export const commissionOrderIn = (tx: Tx, orderId: string) => txGet<CommissionOrder>(tx, 'commissionOrders', orderId);

export const putCommissionOrderIn = (tx: Tx, state: CommissionOrder) => txSet(tx, 'commissionOrders', state);

/** A leader's orders paid in [from, to), with what the stats add up, a page at a time. */
export function commissionOrdersPaidIn(
  leaderId: string,
  from: Date,
  to: Date,
): AsyncGenerator<Array<Pick<CommissionOrder, '_id' | 'paidAt' | 'gmvFen' | 'netFen'>>> {
  return commissionOrders().pages(
    { leaderId, paidAt: cmd.gte(from).and(cmd.lt(to)) },
    { fields: { paidAt: true, gmvFen: true, netFen: true } },
  );
}

/** Confirmed orders whose confirmation is at or before `confirmedBy`, oldest first, except `skip`. */
export async function confirmedOrdersDue(confirmedBy: Date, skip: readonly string[], limit: number): Promise<string[]> {
  const due = await commissionOrders().find(
    { stage: 'confirmed', confirmAt: cmd.lte(confirmedBy), ...(skip.length ? { _id: cmd.nin([...skip]) } : {}) },
    { orderBy: [['confirmAt', 'asc']], limit, fields: { _id: true } },
  );
  return due.map((o) => o._id);
}

const $ = cmd.aggregate;

/**
 * Leader commission (pending + reversals: the orders' netFen) of the orders paid in
 * [start, end), per Shanghai day of payment, or per leader for these leaders.
 */
export async function commissionPerDay(start: Date, end: Date): Promise<Map<string, number>> {
  const rows = await commissionOrders().orNothing(
    async () =>
      (
        (await commissionOrders()
          .raw.aggregate()
          .match({ paidAt: cmd.and(cmd.gte(start), cmd.lt(end)) })
          .group({
            _id: $.dateToString({ date: '$paidAt', format: '%Y-%m-%d', timezone: '+08:00' }),
            fen: $.sum('$netFen'),
          })
          .limit(1000)
          .end()) as { list: Array<{ _id: string; fen: number }> }
      ).list,
    [],
  );
  return new Map(rows.map((r) => [r._id, r.fen]));
}

export async function commissionPerLeader(start: Date, end: Date, leaderIds: string[]): Promise<Map<string, number>> {
  if (!leaderIds.length) return new Map();
  const rows = await commissionOrders().orNothing(
    async () =>
      (
        (await commissionOrders()
          .raw.aggregate()
          .match({ paidAt: cmd.and(cmd.gte(start), cmd.lt(end)), leaderId: cmd.in(leaderIds) })
          .group({ _id: '$leaderId', fen: $.sum('$netFen') })
          .limit(leaderIds.length)
          .end()) as { list: Array<{ _id: string; fen: number }> }
      ).list,
    [],
  );
  return new Map(rows.map((r) => [r._id, r.fen]));
}

import { MAX_STATS_DAYS } from '../../../../typings/contracts/commission';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type {
  CommissionSummary,
  LedgerEntryView,
  LedgerKindName,
  LedgerPage,
  StatsGranularity,
  StatsResult,
  StatsRow,
} from '../../../../typings/commission';
import { balance, BUSINESS_TZ, withdrawableFen } from '../../domain/commission';
import { fail } from '../../domain/errors';
import { mondayOf } from '../../domain/time';
import { requireRole } from '../../infra/roles';
import type { CallContext } from '../../infra/handler';
import { commissionOrdersPaidIn } from '../../repos/commission-orders';
import { ledgerOfLeader, ledgerPageOf } from '../../repos/ledger';
import { leaderByOpenid } from '../../repos/leaders';
import { commissionSettings } from '../../repos/settings';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The caller's leader record: role 'leader' in users AND a leaders doc with the
 * caller's OPENID. Whose money is shown or withdrawn comes only from here, never from input.
 */
export async function callerLeader(ctx: CallContext): Promise<{ leaderId: string; openid: string }> {
  const user = await requireRole(ctx, 'leader');
  const leader = await leaderByOpenid(user._id);
  if (!leader) throw fail.forbidden('不是团长');
  return { leaderId: leader._id, openid: user._id };
}

/** The balance buckets, computed by the domain's balance() over the leader's whole ledger. */
export async function commissionSummary(leaderId: string): Promise<CommissionSummary> {
  const [entries, settings] = await Promise.all([
    ledgerOfLeader(leaderId, { kind: true, amountFen: true, orderId: true, at: true }),
    commissionSettings(),
  ]);
  const b = balance(entries);
  return {
    leaderId,
    ...b,
    withdrawableFen: withdrawableFen(b),
    minWithdrawFen: settings.minWithdrawFen,
    settleDays: settings.settleDays,
  };
}

export async function ledgerPage(
  leaderId: string,
  q: { page: number; pageSize: number; kind?: LedgerKindName },
): Promise<LedgerPage> {
  const rows = await ledgerPageOf(leaderId, q.kind, (q.page - 1) * q.pageSize, q.pageSize + 1);
  return {
    items: rows.slice(0, q.pageSize).map((e): LedgerEntryView => ({
      id: e.id,
      kind: e.kind,
      amountFen: e.amountFen,
      at: e.at.toISOString(),
      month: e.month,
      ...(e.orderId ? { orderId: e.orderId } : {}),
      ...(e.lineKey ? { lineKey: e.lineKey } : {}),
      ...(e.rateBps !== undefined ? { rateBps: e.rateBps } : {}),
      ...(e.withdrawalId ? { withdrawalId: e.withdrawalId } : {}),
    })),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

function periodKey(at: Date, g: StatsGranularity): string {
  const d = dayjs(at).tz(BUSINESS_TZ);
  if (g === 'month') return d.format('YYYY-MM');
  if (g === 'day') return d.format('YYYY-MM-DD');
  return mondayOf(d.format('YYYY-MM-DD'));
}

/**
 * Sales, orders and commission per Shanghai day/week/month of payment, from the
 * per-order commission documents (one per paid order, kept with the ledger):
 * sales = paid − refunded, commission = pending − reversed. Paged reads with a
 * three-field projection; every period of the range is listed, zeros included.
 */
export async function commissionStats(
  leaderId: string,
  q: { granularity: StatsGranularity; from: string; to: string },
): Promise<StatsResult> {
  const start = dayjs.tz(`${q.from} 00:00:00`, BUSINESS_TZ);
  const endDay = dayjs.tz(`${q.to} 00:00:00`, BUSINESS_TZ);
  const days = dayjs.utc(q.to).diff(dayjs.utc(q.from), 'day') + 1;
  if (days < 1) throw fail.invalid('to 不能早于 from');
  if (days > MAX_STATS_DAYS) throw fail.invalid(`统计区间最多 ${MAX_STATS_DAYS} 天`);
  const end = endDay.add(1, 'day');

  const buckets = new Map<string, StatsRow>();
  for (let d = dayjs.utc(q.from); !d.isAfter(dayjs.utc(q.to)); d = d.add(1, 'day')) {
    const key = periodKey(dayjs.tz(`${d.format('YYYY-MM-DD')} 12:00:00`, BUSINESS_TZ).toDate(), q.granularity);
    if (!buckets.has(key)) buckets.set(key, [key, 0, 0, 0]);
  }
  for await (const page of commissionOrdersPaidIn(leaderId, start.toDate(), end.toDate())) {
    for (const o of page) {
      const row = buckets.get(periodKey(new Date(o.paidAt), q.granularity));
      if (!row) continue;
      row[1] += o.gmvFen;
      row[2] += 1;
      row[3] += o.netFen;
    }
  }
  const rows = [...buckets.values()];
  return {
    granularity: q.granularity,
    from: q.from,
    to: q.to,
    rows,
    totals: {
      salesFen: rows.reduce((s, r) => s + r[1], 0),
      orders: rows.reduce((s, r) => s + r[2], 0),
      commissionFen: rows.reduce((s, r) => s + r[3], 0),
    },
  };
}

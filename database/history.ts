/**
 * A lived-in demo: the past fortnight played through the REAL cloud functions
 * in a local cloud whose clock is moved back, day by day, as the people of each
 * day would play it. Every order, payment, refund, stock move, packing list,
 * arrival, pickup and commission entry is written by the functions themselves,
 * so the history is consistent by construction (test/cloud/history.test.ts
 * checks it). `npm start` plays it once, into a fresh data folder
 * (database/demo.ts); then the clock is back at now.
 *
 * Each past day: the admin opens a batch (pickup the next day), residents of
 * both pickup points order and pay (one in a while leaves without paying), the
 * batch cuts off at 23:00 and the pipeline writes the supply documents, the
 * leaders confirm arrival the next morning (now and then one unit short: a
 * partial refund, completed by WeChat Pay), residents pick up by code, and
 * commissions are recorded and settle after the settlement days. Then 王阿姨
 * withdraws, a resident asks for an after-sale refund, a neighbour applies to
 * lead a point, and a few of today's orders are in.
 */
import type { LocalCloud } from '../emulator/src';
import { addDays, businessDate, businessInstant } from '../cloudfunctions/core/domain/time';
import { DEFAULT_POINTS_SETTINGS } from '../typings/points';
import type { SeedFile } from './seed';

const MINUTE = 60_000;
/** Residents acting at once. */
const WAVE = 2;
export const ADMIN = 'oADMIN';
export const LEADERS = { 'pp-sunshine': 'oLEADER1', 'pp-cuiyuan': 'oLEADER2' } as const;
const LEADER_IDS = { 'pp-sunshine': 'leader-wang', 'pp-cuiyuan': 'leader-li' } as const;
type Point = keyof typeof LEADERS;

/** The neighbours who buy: [openid, nickname, phone, point]. The seed's 张三 and 李四 buy too. */
const NEIGHBOURS: Array<[string, string, string, Point]> = [
  ['oNEIGHBOUR01', '陈阿姨', '13700000101', 'pp-sunshine'],
  ['oNEIGHBOUR02', '刘先生', '13700000102', 'pp-sunshine'],
  ['oNEIGHBOUR03', '孙奶奶', '13700000103', 'pp-sunshine'],
  ['oNEIGHBOUR04', '周小姐', '13700000104', 'pp-sunshine'],
  ['oNEIGHBOUR05', '吴师傅', '13700000105', 'pp-cuiyuan'],
  ['oNEIGHBOUR06', '郑大姐', '13700000106', 'pp-cuiyuan'],
  ['oNEIGHBOUR07', '冯老师', '13700000107', 'pp-cuiyuan'],
  ['oNEIGHBOUR08', '何先生', '13700000108', 'pp-cuiyuan'],
];
const BUYERS: Array<[string, Point]> = [
  ['oRESIDENT1', 'pp-sunshine'],
  ['oRESIDENT2', 'pp-cuiyuan'],
  ...NEIGHBOURS.map(([openid, , , point]): [string, Point] => [openid, point]),
];
/** Who asks to lead a point (pending in the console). */
export const APPLICANT = 'oAPPLICANT';

/** The products each past day sells: [productId, priceFen, originalPriceFen, stock]. */
const DAILY: Array<[string, number, number, number]> = [
  ['p-qingcai', 290, 450, 60],
  ['p-tomato', 399, 599, 50],
  ['p-egg', 2590, 3290, 20],
  ['p-pork', 1690, 2180, 30],
  ['p-orange', 2990, 3990, 15],
  ['p-banana', 990, 1390, 30],
  ['p-milk', 4590, 5990, 15],
  ['p-rice', 3990, 4990, 20],
  ['p-oil', 5990, 7490, 10],
  ['p-noodle', 890, 1290, 30],
  ['p-tissue', 2690, 3590, 30],
  ['p-detergent', 1290, 1890, 20],
];

const TRAININGS = [
  {
    title: '新团长第一天：自提点怎么开张',
    body: '1. 在「团长」页分享今日团到小区群；2. 截单后查看备货清单；3. 到货后点「确认到货」，系统会通知居民取货；4. 居民出示取货码，在「核销」页输入或扫码核销。',
  },
  {
    title: '到货少件、破损怎么办',
    body: '确认到货时如实填写实收数量和破损数量：少的件数系统自动给最后下单的居民退款，不用自己垫钱。破损的拍照留存，平台会向供应商追偿。',
  },
  {
    title: '佣金什么时候能提现',
    body: '居民取货后佣金记为「待结算」，结算期（7 天）后变为「可提现」。提现申请经平台审核后打款到你的银行卡，一般 1-2 个工作日到账。',
  },
];

/** The neighbours in the seed's format (as user.enter and a profile would leave them). */
export function withNeighbours(seed: SeedFile, now: Date): SeedFile {
  const createdAt = { $date: new Date(now.getTime() - 30 * 24 * 60 * MINUTE).toISOString() };
  seed.collections.users.push(
    ...NEIGHBOURS.map(([_id, nickname, phone, point]) => ({
      _id,
      nickname,
      phone,
      roles: ['resident'],
      pickupPointId: point,
      referrerLeaderId: LEADER_IDS[point],
      createdAt,
    })),
  );
  return seed;
}

/** A small deterministic random source, so the same day always plays the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What the demo's residents write with their stars ('' = stars only). */
const REVIEW_TEXTS: Record<number, string[]> = {
  5: ['很新鲜，下次还买', '分量足，家里人都说好', '团长打包很仔细', ''],
  4: ['还不错，就是个头小了点', '包装很用心', ''],
  2: ['有两个压坏了', '没有上次的新鲜'],
};

/** Stops the play where the next step would be later than the real now. */
class ReachedNow extends Error {}

export interface HistorySummary {
  /** The past batches created, oldest first. */
  batches: string[];
  orders: number;
  pickedUp: number;
  /** Business dates played (the day orders were placed). */
  days: string[];
}

/**
 * Plays the `days` past days (default 14) into the cloud's env, which holds the
 * demo seed (with the neighbours), then a few of today's orders. Calls go through
 * the client gateway at `url`, as the mini-program's and the console's do.
 */
export async function playHistory(
  cloud: LocalCloud,
  url: string,
  env: string,
  { days = 14, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<HistorySummary> {
  const limit = now.getTime() - MINUTE;
  const summary: HistorySummary = { batches: [], orders: 0, pickedUp: 0, days: [] };
  const at = (t: Date | number) => {
    if (+t > limit) throw new ReachedNow();
    cloud.clock.set(+t);
  };
  async function ok<T = any>(fn: string, data: Record<string, unknown>, openid: string): Promise<T> {
    const res = await fetch(`${url}/client/functions/${fn}?env=${env}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(data),
    });
    const body = (await res.json()) as { ok: boolean; data?: T; code?: string; message?: string };
    if (!body.ok) throw new Error(`${fn}.${data.action} as ${openid}: ${body.code} ${body.message}`);
    return body.data as T;
  }
  const tick = () => cloud.functions.fireTrigger(env, 'scheduler');
  /** WeChat Pay completes every refund it accepted (and notifies the pay function). */
  const completeRefunds = async () => {
    for (const r of cloud.pay.listRefunds(env))
      if (r.status === 'PROCESSING') await cloud.pay.simulateRefund(env, r.outRefundNo);
  };
  const today = businessDate(now);
  let seq = 0;

  interface Purchase {
    openid: string;
    lines: Array<{ batchItemId: string; qty: number }>;
    pays: boolean;
  }
  /** What a resident puts in the cart: 1-3 of the items, 1-2 of each. */
  function basket(openid: string, itemIds: string[], rnd: () => number, pays: boolean): Purchase {
    const count = 1 + Math.floor(rnd() * 3);
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(itemIds[Math.floor(rnd() * itemIds.length)]);
    return { openid, pays, lines: [...chosen].map((batchItemId) => ({ batchItemId, qty: 1 + Math.floor(rnd() * 2) })) };
  }
  async function buy(batchId: string, { openid, lines, pays }: Purchase) {
    const created = await ok<{ _id: string; orderNo: string }>(
      'order',
      { action: 'create', clientRequestId: `history-${openid}-${batchId}-${seq++}`, batchId, lines },
      openid,
    );
    await ok('pay', { action: 'prepare', orderId: created._id }, openid);
    if (pays) await cloud.pay.simulatePay(env, created.orderNo, { openid });
    summary.orders += 1;
    return { ...created, openid, pays };
  }
  /** Neighbours act at the same time, a few at once (as a busy group chat does); the clock moves between waves. */
  /** 评价 of an order just picked up whole (`detail` as read before): the same stars for each item taken home, and the service. */
  async function review(detail: any, openid: string, rnd: () => number) {
    const picked = detail.lines.filter((l: { qty: number; refundedQty: number }) => l.qty > l.refundedQty);
    if (!picked.length) return;
    const r = rnd();
    const stars = r < 0.1 ? 2 : r < 0.4 ? 4 : 5;
    const texts = REVIEW_TEXTS[stars];
    await ok(
      'order',
      {
        action: 'review',
        orderId: detail._id,
        goods: picked.map((l: { batchItemId: string }) => ({
          batchItemId: l.batchItemId,
          stars,
          text: texts[Math.floor(rnd() * texts.length)],
        })),
        service: { stars: stars === 2 ? 4 : 5, text: '' },
      },
      openid,
    );
  }
  async function inWaves<T, R>(list: T[], from: number, stepMs: number, act: (x: T) => Promise<R>): Promise<R[]> {
    const out: R[] = [];
    for (let i = 0; i < list.length; i += WAVE) {
      at(from + (i / WAVE) * stepMs);
      out.push(...(await Promise.all(list.slice(i, i + WAVE).map(act))));
    }
    return out;
  }

  try {
    const first = addDays(today, -days);
    at(businessInstant(first, '08:00'));
    for (const t of TRAININGS) await ok('admin', { action: 'training.publish', ...t }, ADMIN);
    let withdrawn = false;

    for (let n = 0; n < days; n++) {
      const day = addDays(first, n);
      const rnd = random(n + 1);
      const pickupDate = addDays(day, 1);
      const cutoffAt = businessInstant(day, '23:00');

      // 08:00 the admin opens the day's batch.
      at(businessInstant(day, '08:00'));
      const offered = DAILY.filter(() => rnd() < 0.75);
      const { batch, items } = await ok<{ batch: { _id: string }; items: Array<{ _id: string }> }>(
        'admin',
        {
          action: 'batches.create',
          requestId: `history-${day}`,
          title: `${pickupDate} 自提 · ${day.slice(5)} 团`,
          opensAt: new Date(cloud.clock.now() + MINUTE).toISOString(),
          cutoffAt: cutoffAt.toISOString(),
          pickupDate,
          items: offered.map(([productId, priceFen, originalPriceFen, stock]) => ({
            productId,
            priceFen,
            originalPriceFen,
            stock,
            limitPerUser: 0,
            minQuantity: 0,
          })),
        },
        ADMIN,
      );
      await ok('admin', { action: 'batches.open', id: batch._id }, ADMIN);
      summary.batches.push(batch._id);
      summary.days.push(day);
      const itemIds = items.map((i) => i._id);

      // 09:00-21:00 residents order; now and then one leaves without paying.
      const baskets = BUYERS.filter(() => rnd() >= 0.3).map(([openid]) => basket(openid, itemIds, rnd, rnd() >= 0.08));
      const orders = await inWaves(baskets, businessInstant(day, '09:00').getTime(), 150 * MINUTE, (b) =>
        buy(batch._id, b),
      );
      const paid = orders.filter((o) => o.pays);

      // Cut-off at 23:00: once the last payment window closes the pipeline writes the supply documents.
      for (let m = 16; m < 24; m++) {
        at(cutoffAt.getTime() + m * MINUTE);
        await tick();
        const { batch: view } = await ok('admin', { action: 'batches.get', id: batch._id }, ADMIN);
        if (view.supplyDoneAt) break;
      }
      await completeRefunds();

      // The next morning the goods arrive; every fifth day one unit is short at one point.
      at(businessInstant(pickupDate, '08:30'));
      const lists = (await ok<{ items: any[] }>('admin', { action: 'packingLists.list', batchId: batch._id }, ADMIN))
        .items;
      for (const list of lists) {
        const short = n % 5 === 2 && list.pickupPointId === 'pp-cuiyuan';
        await ok(
          'leader',
          {
            action: 'confirmArrival',
            batchId: batch._id,
            lines: list.lines.map((l: { batchItemId: string; qty: number }, i: number) => ({
              batchItemId: l.batchItemId,
              receivedQty: short && i === 0 ? l.qty - 1 : l.qty,
              damagedQty: 0,
            })),
          },
          LEADERS[list.pickupPointId as Point],
        );
      }
      await completeRefunds();

      // 10:00 on, residents pick up by code (on the last day some have not come yet).
      await inWaves(paid, businessInstant(pickupDate, '10:00').getTime(), 120 * MINUTE, async (order) => {
        const detail = await ok('order', { action: 'detail', orderId: order._id }, order.openid);
        if (detail.status !== 'arrived' || !detail.pickupCode) return;
        await ok(
          'leader',
          { action: 'verify', batchId: batch._id, code: detail.pickupCode },
          LEADERS[detail.pickupPointId as Point],
        );
        summary.pickedUp += 1;
        // About a third rate what they took home; now and then a bad one for the console's 差评.
        if (rnd() < 0.35) await review(detail, order.openid, rnd);
      });
      at(businessInstant(pickupDate, '21:00'));
      await cloud.functions.fireTrigger(env, 'commission');

      // Once commissions have settled, 王阿姨 takes out part of hers and the admin pays it.
      if (!withdrawn) {
        const balance = await ok('commission', { action: 'summary' }, LEADERS['pp-sunshine']);
        if (balance.withdrawableFen >= 200) {
          const { withdrawal } = await ok(
            'commission',
            {
              action: 'withdraw',
              amountFen: Math.floor(balance.withdrawableFen / 200) * 100,
              clientRequestId: `history-withdraw-${day}`,
            },
            LEADERS['pp-sunshine'],
          );
          await ok('admin', { action: 'withdrawals.approve', id: withdrawal._id }, ADMIN);
          await ok(
            'admin',
            { action: 'withdrawals.markPaid', id: withdrawal._id, reference: `BANK-${pickupDate}` },
            ADMIN,
          );
          withdrawn = true;
        }
      }
    }
  } catch (err) {
    if (!(err instanceof ReachedNow)) throw err;
  } finally {
    cloud.clock.reset();
  }

  // This morning 张三 found a broken item in a picked-up order and asks for a refund (pending review).
  const mine = await ok<{ items: any[] }>('order', { action: 'list', status: 'picked_up' }, 'oRESIDENT1');
  const broken = mine.items[0];
  if (broken) {
    await ok(
      'order',
      {
        action: 'afterSale',
        orderId: broken._id,
        lines: [{ batchItemId: broken.lines[0].batchItemId, qty: 1 }],
        reason: '商品破损',
        description: '打开时发现包装破了，漏了一部分',
      },
      'oRESIDENT1',
    );
  }
  // A neighbour asks to run a pickup point (pending in the console).
  await ok('user', { action: 'enter' }, APPLICANT);
  await ok(
    'leader',
    {
      action: 'apply',
      name: '赵姐',
      phone: '13812340000',
      address: '上海市浦东新区张杨路200号',
      location: { lat: 31.23, lng: 121.52 },
      hours: '08:00-20:00',
      photo: `cloud://${env}.bucket/apply/zhao.jpg`,
      pointName: '张杨路200号便利店',
    },
    APPLICANT,
  );

  // The platform's coupon of the week in 领券中心: 满30减5, 200 copies; 张三 has claimed his.
  const { _id: couponId } = await ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: 'history-coupon-week',
      title: '本周满30减5',
      kind: 'threshold',
      offFen: 500,
      thresholdFen: 3000,
      validFrom: today,
      validTo: addDays(today, 6),
      total: 200,
      perResident: 1,
    },
    ADMIN,
  );
  await ok('order', { action: 'coupons.claim', couponId }, 'oRESIDENT1');

  // 积分与会员: 银卡 and above take a monthly 满50减5, a coupon kept out of 领券中心 (paused: only given).
  const { _id: levelCouponId } = await ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: 'history-coupon-level',
      title: '会员月券 满50减5',
      kind: 'threshold',
      offFen: 500,
      thresholdFen: 5000,
      validFrom: today,
      validTo: addDays(today, 365),
      total: 1000,
      perResident: 1,
    },
    ADMIN,
  );
  await ok('admin', { action: 'coupons.pause', couponId: levelCouponId, paused: true }, ADMIN);
  await ok(
    'admin',
    {
      action: 'settings.points',
      ...DEFAULT_POINTS_SETTINGS,
      levels: DEFAULT_POINTS_SETTINGS.levels.map((l, i) => ({ ...l, monthlyCouponId: i > 0 ? levelCouponId : '' })),
    },
    ADMIN,
  );

  // 邀请有礼 is on: ¥5 for the referrer and for the new neighbour, from a coupon paused in 领券中心 (rewards only).
  const { _id: rewardId } = await ok(
    'admin',
    {
      action: 'coupons.create',
      requestId: 'history-coupon-referral',
      title: '邀请有礼立减5元',
      kind: 'fixed',
      offFen: 500,
      thresholdFen: 0,
      validFrom: today,
      validTo: addDays(today, 30),
      total: 1000,
      perResident: 1,
    },
    ADMIN,
  );
  await ok('admin', { action: 'coupons.pause', couponId: rewardId }, ADMIN);
  await ok(
    'admin',
    {
      action: 'settings.referral',
      enabled: true,
      referrerCouponId: rewardId,
      inviteeCouponId: rewardId,
      monthlyCap: 20,
    },
    ADMIN,
  );

  // This morning's first orders in today's batch.
  const rnd = random(1000);
  const { items } = await ok<{ items: Array<{ _id: string }> }>(
    'catalog',
    { action: 'items', batchId: 'batch-today' },
    'oRESIDENT1',
  );
  const open = items.slice(0, 6).map((i) => i._id);
  for (const [openid] of BUYERS.slice(2, 6)) await buy('batch-today', basket(openid, open, rnd, true));
  return summary;
}

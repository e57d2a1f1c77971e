/**
 * Demo data (Chinese, realistic) in the emulator's seed format. Dates are
 * relative to `now`: one batch open until tonight's 23:00 cut-off (Shanghai),
 * one opening right after it. `database/seed.json` is the same data with
 * fixed dates that stay valid until 2099 (npm start uses it):
 *
 *   node -e "require('esbuild').buildSync({entryPoints:['database/seed.ts'],bundle:true,platform:'node',outfile:'dist/seed.js'})" \
 *     && node dist/seed.js --static > database/seed.json && npx prettier --write database/seed.json
 */
import { addDays, businessDate, businessInstant, pickupDateFor } from '../cloudfunctions/core/domain/time';
import { collections as collectionNames } from './collections.json';
import type { StorageMode } from '../typings/models';

type Doc = Record<string, unknown>;
export interface SeedFile {
  collections: Record<string, Doc[]>;
}

const date = (d: Date) => ({ $date: d.toISOString() });

const categories = [
  { _id: 'fresh', name: '生鲜', commissionBps: 1000, sort: 1 },
  { _id: 'fruit', name: '水果', commissionBps: 1200, sort: 2 },
  { _id: 'dairy', name: '乳品', commissionBps: 800, sort: 3 },
  { _id: 'grain', name: '粮油', commissionBps: 800, sort: 4 },
  { _id: 'daily', name: '日用品', commissionBps: 600, sort: 5 },
];

const suppliers = [
  { _id: 'sup-veg', name: '城南蔬菜基地', contact: '陈建国', phone: '13800000001' },
  { _id: 'sup-oil', name: '金龙鱼粮油经销', contact: '刘芳', phone: '13800000002' },
  { _id: 'sup-daily', name: '家家日用', contact: '周强', phone: '13800000003' },
];

// [id, title, category, supplier, unit, description]
const productRows: Array<[string, string, string, string, string, string]> = [
  ['p-qingcai', '本地小青菜 500g', 'fresh', 'sup-veg', '份', '城南基地当天清晨采摘，鲜嫩脆甜'],
  ['p-tomato', '自然熟西红柿', 'fresh', 'sup-veg', '斤', '沙瓤多汁，炒蛋做汤都好'],
  ['p-egg', '散养土鸡蛋 30枚', 'fresh', 'sup-veg', '盒', '农户散养，蛋黄饱满'],
  ['p-pork', '精品五花肉 500g', 'fresh', 'sup-veg', '份', '冷鲜肉，肥瘦相间'],
  ['p-orange', '赣南脐橙 5斤装', 'fruit', 'sup-veg', '箱', '果园直发，酸甜适口'],
  ['p-banana', '海南香蕉', 'fruit', 'sup-veg', '把', '约3斤一把，自然催熟'],
  ['p-grape', '阳光玫瑰葡萄', 'fruit', 'sup-veg', '串', '约1.5斤，玫瑰香味'],
  ['p-milk', '纯牛奶 250ml×12', 'dairy', 'sup-daily', '箱', '全脂纯牛奶，早餐必备'],
  ['p-yogurt', '原味酸奶 100g×8', 'dairy', 'sup-daily', '组', '冷藏保存，7天保质'],
  ['p-rice', '金龙鱼东北大米 5kg', 'grain', 'sup-oil', '袋', '当季新米，软糯香甜'],
  ['p-oil', '金龙鱼花生油 1.8L', 'grain', 'sup-oil', '桶', '压榨一级，浓香花生油'],
  ['p-noodle', '龙须挂面 1kg', 'grain', 'sup-oil', '包', '细滑劲道，煮不糊汤'],
  ['p-tissue', '原木抽纸 3层×100抽×6包', 'daily', 'sup-daily', '提', '原生木浆，柔韧不掉屑'],
  ['p-detergent', '柠檬洗洁精 1.5kg', 'daily', 'sup-daily', '瓶', '去油不伤手'],
  ['p-trashbag', '加厚垃圾袋 50只×3卷', 'daily', 'sup-daily', '组', '加厚不漏，点断式'],
];

/** 供货价 (fen per unit): what each supplier charges the platform; batch items start from it. */
const supplyCostFen: Record<string, number> = {
  'p-qingcai': 180,
  'p-tomato': 260,
  'p-egg': 1900,
  'p-pork': 1250,
  'p-orange': 2200,
  'p-banana': 650,
  'p-grape': 2900,
  'p-milk': 3600,
  'p-yogurt': 1100,
  'p-rice': 3100,
  'p-oil': 4800,
  'p-noodle': 560,
  'p-tissue': 1900,
  'p-detergent': 820,
  'p-trashbag': 600,
};

/**
 * 商品信息 (what the item page's block shows): [产地, 保质期, 储存方式, 储存说明, 坏品包赔,
 * 资质/检测报告 pictures]. The pictures are drawn by scripts/product-images.js (/images/certs/).
 */
const productInfo: Record<string, [string, string, StorageMode, string, boolean, string[]]> = {
  'p-qingcai': ['浙江杭州·城南基地', '冷藏 3 天', 'chilled', '0-4℃，到货当天食用最佳', true, ['qingcai-pesticide']],
  'p-tomato': ['山东寿光', '常温 5 天', 'ambient', '阴凉通风处，避免挤压', true, ['tomato-pesticide']],
  'p-egg': ['浙江安吉', '30 天', 'chilled', '冷藏可延长保鲜，大头朝上', true, ['egg-report']],
  'p-pork': ['浙江金华', '冷藏 3 天', 'chilled', '0-4℃，冷冻可存 3 个月', true, ['pork-quarantine', 'pork-inspection']],
  'p-orange': ['江西赣州', '常温 15 天', 'ambient', '阴凉干燥处', true, ['orange-origin']],
  'p-banana': ['海南乐东', '常温 3-5 天', 'ambient', '勿放冰箱，挂起存放', true, []],
  'p-grape': ['云南宾川', '冷藏 7 天', 'chilled', '不要清洗后存放，吃前再洗', true, ['grape-report']],
  'p-milk': ['内蒙古呼和浩特', '6 个月', 'ambient', '开封后冷藏，24 小时内饮用', true, ['milk-report']],
  'p-yogurt': ['上海松江', '冷藏 21 天', 'chilled', '2-6℃，开封后尽快食用', true, ['yogurt-report']],
  'p-rice': ['黑龙江五常', '12 个月', 'ambient', '阴凉干燥处，开袋后密封', false, ['rice-green']],
  'p-oil': ['山东青岛', '18 个月', 'ambient', '避光密封，远离灶台', false, ['oil-report']],
  'p-noodle': ['河南新乡', '12 个月', 'ambient', '干燥处，防潮', false, []],
  'p-tissue': ['广东东莞', '3 年', 'ambient', '干燥处，远离火源', false, ['tissue-report']],
  'p-detergent': ['江苏苏州', '3 年', 'ambient', '阴凉处，放在儿童够不到的地方', false, []],
  'p-trashbag': ['浙江义乌', '5 年', 'ambient', '避免阳光直射', false, []],
};

const products = productRows.map(([_id, title, categoryId, supplierId, unit, description]) => {
  const [origin, shelfLife, mode, note, badGoodsCover, certs] = productInfo[_id];
  return {
    _id,
    title,
    categoryId,
    supplierId,
    unit,
    images: [`/images/products/${_id.slice(2)}.jpg`],
    description,
    costFen: supplyCostFen[_id],
    origin,
    ...(certs.length ? { certImages: certs.map((c) => `/images/certs/${c}.jpg`) } : {}),
    shelfLife,
    storage: { mode, note },
    ...(badGoodsCover ? { badGoodsCover } : {}),
  };
});

// [product, priceFen, originalPriceFen, stock, limitPerUser, minQuantity]
const openItems: Array<[string, number, number, number, number, number]> = [
  ['p-qingcai', 290, 450, 200, 0, 10],
  ['p-tomato', 399, 599, 150, 0, 10],
  ['p-egg', 2590, 3290, 60, 2, 10],
  ['p-pork', 1690, 2180, 80, 3, 5],
  ['p-orange', 2990, 3990, 50, 0, 5],
  ['p-banana', 990, 1390, 100, 0, 5],
  ['p-grape', 3990, 5990, 20, 1, 5],
  ['p-milk', 4590, 5990, 40, 2, 5],
  ['p-rice', 3990, 4990, 60, 0, 5],
  ['p-oil', 5990, 7490, 40, 2, 5],
  ['p-tissue', 2690, 3590, 100, 0, 10],
  ['p-detergent', 1290, 1890, 80, 0, 5],
];
const nextItems: Array<[string, number, number, number, number, number]> = [
  ['p-yogurt', 1590, 2190, 60, 3, 5],
  ['p-noodle', 890, 1290, 100, 0, 5],
  ['p-trashbag', 990, 1590, 100, 0, 5],
  ['p-egg', 2490, 3290, 60, 2, 10],
];

function batchItems(batchId: string, rows: typeof openItems, window: { opensAt: Date; cutoffAt: Date }) {
  return rows.map(([productId, priceFen, originalPriceFen, stock, limitPerUser, minQuantity], i) => {
    const product = products.find((p) => p._id === productId)!;
    return {
      _id: `${batchId}-${productId.slice(2)}`,
      batchId,
      productId,
      title: product.title,
      image: product.images[0],
      unit: product.unit,
      categoryId: product.categoryId,
      supplierId: product.supplierId,
      priceFen,
      originalPriceFen,
      costFen: product.costFen,
      stock,
      sold: 0,
      initialStock: stock,
      limitPerUser,
      minQuantity,
      sort: i + 1,
      batchStatus: 'open',
      opensAt: date(window.opensAt),
      cutoffAt: date(window.cutoffAt),
    };
  });
}

/** The open batch's cut-off: tonight 23:00 Shanghai, or tomorrow's when less than an hour is left. */
function nextCutoff(now: Date): Date {
  const tonight = businessInstant(businessDate(now), '23:00');
  return tonight.getTime() - now.getTime() > 3_600_000
    ? tonight
    : businessInstant(addDays(businessDate(now), 1), '23:00');
}

export const OPEN_BATCH_ID = 'batch-today';
export const NEXT_BATCH_ID = 'batch-tomorrow';

/**
 * The whole demo. `fixed` pins the open batch's cut-off to 2099-12-31 23:00
 * Shanghai so a committed seed never expires.
 */
export function buildSeed(now: Date = new Date(), fixed = false): SeedFile {
  const seed = demoSeed(now, fixed);
  // Every collection the functions use exists, as it does once deployed (collections.json).
  for (const name of collectionNames) seed.collections[name] ??= [];
  return seed;
}

function demoSeed(now: Date, fixed: boolean): SeedFile {
  const cutoff = fixed ? businessInstant('2099-12-31', '23:00') : nextCutoff(now);
  const open = {
    opensAt: fixed ? new Date('2025-01-01T00:00:00Z') : new Date(cutoff.getTime() - 48 * 3_600_000),
    cutoffAt: cutoff,
  };
  const next = { opensAt: cutoff, cutoffAt: new Date(cutoff.getTime() + 24 * 3_600_000) };
  const created = date(fixed ? new Date('2025-01-01T00:00:00Z') : now);
  const batches = [
    {
      _id: OPEN_BATCH_ID,
      title: `${pickupDateFor(open.cutoffAt)} 自提 · 今日团`,
      status: 'open',
      ...open,
      pickupDate: pickupDateFor(open.cutoffAt),
    },
    {
      _id: NEXT_BATCH_ID,
      title: `${pickupDateFor(next.cutoffAt)} 自提 · 明日预告`,
      status: 'open',
      ...next,
      pickupDate: pickupDateFor(next.cutoffAt),
    },
  ].map((b) => ({ ...b, opensAt: date(b.opensAt), cutoffAt: date(b.cutoffAt) }));

  return {
    collections: {
      categories,
      suppliers,
      products,
      batches,
      batchItems: [...batchItems(OPEN_BATCH_ID, openItems, open), ...batchItems(NEXT_BATCH_ID, nextItems, next)],
      pickupPoints: [
        {
          _id: 'pp-sunshine',
          name: '阳光花园3栋门口',
          address: '上海市浦东新区锦绣路1500弄阳光花园3栋',
          location: { type: 'Point', coordinates: [121.5446, 31.2107] },
          hours: '08:00-21:00',
          leaderId: 'leader-wang',
          active: true,
        },
        {
          _id: 'pp-cuiyuan',
          name: '翠苑一区南门便利店',
          address: '浙江省杭州市西湖区文三路翠苑一区南门',
          location: { type: 'Point', coordinates: [120.1295, 30.2836] },
          hours: '07:30-22:00',
          leaderId: 'leader-li',
          active: true,
        },
        {
          _id: 'pp-guihua',
          name: '桂花苑东门（暂停营业）',
          address: '浙江省杭州市西湖区古墩路桂花苑东门',
          location: { type: 'Point', coordinates: [120.1102, 30.2921] },
          hours: '08:00-20:00',
          leaderId: 'leader-li',
          active: false,
        },
      ],
      leaders: [
        {
          _id: 'leader-wang',
          openid: 'oLEADER1',
          name: '王阿姨',
          phone: '13900000001',
          pickupPointId: 'pp-sunshine',
          status: 'active',
          createdAt: created,
        },
        {
          _id: 'leader-li',
          openid: 'oLEADER2',
          name: '李师傅',
          phone: '13900000002',
          pickupPointId: 'pp-cuiyuan',
          status: 'active',
          createdAt: created,
        },
      ],
      users: [
        { _id: 'oADMIN', nickname: '平台管理员', roles: ['admin'], createdAt: created },
        {
          _id: 'oLEADER1',
          nickname: '王阿姨',
          roles: ['resident', 'leader'],
          pickupPointId: 'pp-sunshine',
          createdAt: created,
        },
        {
          _id: 'oLEADER2',
          nickname: '李师傅',
          roles: ['resident', 'leader'],
          pickupPointId: 'pp-cuiyuan',
          createdAt: created,
        },
        {
          _id: 'oRESIDENT1',
          nickname: '张三',
          roles: ['resident'],
          pickupPointId: 'pp-sunshine',
          referrerLeaderId: 'leader-wang',
          createdAt: created,
        },
        {
          _id: 'oRESIDENT2',
          nickname: '李四',
          roles: ['resident'],
          pickupPointId: 'pp-cuiyuan',
          referrerLeaderId: 'leader-li',
          createdAt: created,
        },
        // Registered but not bound yet: the first leader share binds them.
        { _id: 'oRESIDENT3', nickname: '王五', roles: ['resident'], createdAt: created },
        // The console account of 城南蔬菜基地: sees and edits only its own products and purchase orders.
        { _id: 'oSUPPLIER1', nickname: '陈建国', roles: ['supplier'], supplierId: 'sup-veg', createdAt: created },
      ],
      settings: [
        // Where delivery routes start (admin.settings.save changes it).
        {
          _id: 'warehouse',
          name: '杭州中心仓',
          address: '浙江省杭州市余杭区仓前街道良睦路1399号',
          location: { type: 'Point', coordinates: [120.0135, 30.2905] },
        },
      ],
      // Created empty so the functions' first writes find them.
      orders: [],
      afterSales: [],
      purchaseOrders: [],
      packingLists: [],
      deliveryRoutes: [],
      jobs: [],
      notices: [],
      subscriptions: [],
      leaderApplications: [],
      arrivals: [],
      chargebacks: [],
      trainings: [],
    },
  };
}

// Run as a script (dist/seed.js, see the header), not when imported by tests.
if (/seed\.js$/.test(process.argv[1] ?? '')) {
  const fixed = process.argv.includes('--static');
  process.stdout.write(JSON.stringify(buildSeed(new Date(), fixed), null, 2) + '\n');
}

import { ITEM, OPEN, rid, startShop, type Shop } from './shop';

/**
 * A real cloud environment deployed without its settings: the functions get no
 * PICKUP_CODE_KEY, no WXPAY_SUB_MCH_ID and no template ids (the local cloud's
 * development values are unset here). The actions that need them refuse loudly, name the setting,
 * and change nothing; nothing falls back to a development key or WeChat Pay's
 * example merchant number.
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop('config-env', undefined, {
    functionEnv: {
      PICKUP_CODE_KEY: '',
      WXPAY_SUB_MCH_ID: '',
      PICKUP_TEMPLATE_ID: '',
      REMINDER_TEMPLATE_ID: '',
      REFUND_TEMPLATE_ID: '',
    },
  });
});
afterAll(() => shop.stop());

test('an order without PICKUP_CODE_KEY is refused with MISCONFIGURED, and no stock is taken', async () => {
  const before = await shop.doc('batchItems', ITEM.qingcai);
  const res = await shop.call(
    'order',
    { action: 'create', clientRequestId: rid(), batchId: OPEN, lines: [{ batchItemId: ITEM.qingcai, qty: 1 }] },
    'oRESIDENT1',
  );
  expect(res).toMatchObject({ ok: false, code: 'MISCONFIGURED' });
  expect(res.message).toContain('PICKUP_CODE_KEY');
  expect(await shop.doc('batchItems', ITEM.qingcai)).toMatchObject({ stock: before.stock, sold: before.sold });
  expect(await shop.find('orders', { openid: 'oRESIDENT1' })).toHaveLength(0);
});

test('browsing still works: only the actions that need a setting refuse', async () => {
  expect(await shop.call('catalog', { action: 'batches' }, 'oRESIDENT1')).toMatchObject({ ok: true });
});

test('a payment without WXPAY_SUB_MCH_ID is refused with MISCONFIGURED before WeChat Pay is asked', async () => {
  // An order as one made before the key went missing would be (inserted directly).
  await shop.db.collection('orders').add({
    data: {
      _id: 'order-config-1',
      orderNo: 'T20990101000001',
      openid: 'oRESIDENT1',
      batchId: OPEN,
      pickupPointId: 'pp-sunshine',
      leaderId: 'leader-wang',
      lines: [],
      totalFen: 290,
      paidFen: 0,
      refundedFen: 0,
      status: 'pending_payment',
      history: [],
      payDeadline: new Date(Date.now() + 10 * 60_000),
      createdAt: new Date(),
    },
  });
  const res = await shop.call('pay', { action: 'prepare', orderId: 'order-config-1' }, 'oRESIDENT1');
  expect(res).toMatchObject({ ok: false, code: 'MISCONFIGURED' });
  expect(res.message).toContain('WXPAY_SUB_MCH_ID');
  expect(shop.t.running.cloud.pay.findOrder('config-env', { outTradeNo: 'T20990101000001' })).toBeUndefined();
});

test('without template ids: arrival refuses with MISCONFIGURED, nothing is asked consent for, the console shows none is sending', async () => {
  // The mini-program asks only for configured ids: here none.
  const templates = await shop.call('notify', { action: 'templates' }, 'oRESIDENT1');
  expect(templates).toMatchObject({
    ok: true,
    data: { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
  });
  const confirm = () =>
    shop.call(
      'leader',
      {
        action: 'confirmArrival',
        batchId: OPEN,
        lines: [{ batchItemId: ITEM.qingcai, receivedQty: 1, damagedQty: 0 }],
      },
      'oLEADER1',
    );
  const arrival = await confirm();
  expect(arrival).toMatchObject({ ok: false, code: 'MISCONFIGURED' });
  expect(arrival.message).toContain('PICKUP_TEMPLATE_ID');
  expect(await shop.find('arrivals')).toHaveLength(0);
  const get = await shop.call('admin', { action: 'settings.get' }, 'oADMIN');
  expect(get.data.sending).toEqual({ pickupReady: '', pickupReminder: '', refundDone: '' });

  // Ids saved in the console are enough, one by one; the refund notice is optional (a refund is then not told).
  await shop.call('admin', { action: 'settings.save', templates: { pickupReady: 'TMPL_REAL_PICKUP' } }, 'oADMIN');
  const half = await confirm();
  expect(half).toMatchObject({ ok: false, code: 'MISCONFIGURED' });
  expect(half.message).toContain('REMINDER_TEMPLATE_ID');
  expect(await shop.find('arrivals')).toHaveLength(0);
  expect((await shop.call('notify', { action: 'templates' }, 'oRESIDENT1')).data.templates).toEqual({
    pickup: 'TMPL_REAL_PICKUP',
    reminder: '',
    refund: '',
  });
  await shop.call('admin', { action: 'settings.save', templates: { pickupReminder: 'TMPL_REAL_REMIND' } }, 'oADMIN');
  await shop.call('admin', { action: 'settings.save', templates: { refundDone: 'TMPL_REAL_REFUND' } }, 'oADMIN');
  expect((await shop.call('notify', { action: 'templates' }, 'oRESIDENT1')).data.templates).toEqual({
    pickup: 'TMPL_REAL_PICKUP',
    reminder: 'TMPL_REAL_REMIND',
    refund: 'TMPL_REAL_REFUND',
  });
});

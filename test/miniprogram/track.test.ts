import { resetWx, wxMock } from './setup';
import { openPage, flush, tap } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { BATCH, BATCHES, EGGS, APPLES, MILK, ME } from './fixtures/demo';
import { cartStore } from '../../miniprogram/stores/cart';
import { userStore } from '../../miniprogram/stores/user';
import { FLUSH_EVERY, flush as flushEvents, queued, track } from '../../miniprogram/lib/track';
import '../../miniprogram/app';

/** app.ts's App() options, as WeChat would hold them (setup.ts stubs App). */
const app = (globalThis as any).App.mock.calls.at(-1)[0];

const ROUTES = {
  'catalog.batches': BATCHES,
  'catalog.items': { batch: BATCH, items: [EGGS, APPLES, MILK] },
  'user.me': ME,
};
const eventCalls = () =>
  wxMock.cloud.callFunction.mock.calls
    .filter(([call]: any[]) => call.name === 'events')
    .map(([call]: any[]) => call.data);
/** The next macrotask, where a scheduled flush runs. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  // Whatever an earlier test left queued goes out before the call log is reset.
  stubApi({ ...ROUTES, 'events.track': { stored: 0 } });
  await flushEvents();
  resetWx();
  cartStore.clear();
  userStore.me = null;
  stubApi({ ...ROUTES, 'events.track': { stored: 0 } });
});

test('加入购物车 records a cart event without any call during the tap; the flush waits for 10 events or hide', async () => {
  stubApi({ ...ROUTES, 'events.track': { stored: 0 } });
  const page = await openPage('pages/home/index');
  await flush();
  const callsBefore = wxMock.cloud.callFunction.mock.calls.length;

  await tap(page, '.add-to-cart', '.van-button');

  // The tap made no cloud call: the event is only queued.
  expect(wxMock.cloud.callFunction.mock.calls.length).toBe(callsBefore);
  expect(queued()).toEqual([{ type: 'cart', batchId: BATCH._id, batchItemId: EGGS._id, at: expect.any(String) }]);
  await nextTask();
  expect(eventCalls()).toEqual([]);

  // The app hiding sends what is queued, in one call.
  app.onHide();
  await flushEvents();
  expect(eventCalls()).toEqual([{ action: 'track', events: [expect.objectContaining({ type: 'cart' })] }]);
  expect(queued()).toEqual([]);
  page.detach();
});

test('every 10 events one call goes out, in a later task, never inside the caller', async () => {
  for (let i = 0; i < FLUSH_EVERY; i++) track('view', { batchId: 'b1', batchItemId: `i${i}` });
  expect(eventCalls()).toEqual([]);
  await nextTask();
  await flushEvents();
  expect(eventCalls()).toHaveLength(1);
  expect(eventCalls()[0].events.map((e: any) => e.batchItemId)).toEqual(
    Array.from({ length: FLUSH_EVERY }, (_, i) => `i${i}`),
  );
});

test('offline, events wait for the next flush; refused ones (rate, bad input) are dropped, not resent forever', async () => {
  const api = stubApi({ 'events.track': networkDown() });
  track('view');
  track('cart');
  await flushEvents();
  expect(queued().map((e) => e.type)).toEqual(['view', 'cart']);

  api.set({ 'events.track': { stored: 2 } });
  await flushEvents();
  expect(queued()).toEqual([]);
  expect(
    api
      .calls('events.track')
      .at(-1)
      .events.map((e: any) => e.type),
  ).toEqual(['view', 'cart']);

  api.set({ 'events.track': failWith('RATE_LIMITED') });
  track('share');
  await flushEvents();
  expect(queued()).toEqual([]);
});

test('opening the app from a leader share records share_open for that leader', async () => {
  app.onShow({ path: 'pages/home/index', query: { leaderId: 'leader-wang' }, scene: 1007 });
  app.onShow({ path: 'pages/home/index', query: {}, scene: 1001 });
  expect(queued()).toEqual([{ type: 'share_open', leaderId: 'leader-wang', at: expect.any(String) }]);
});

import * as z from 'zod/mini';
import { contracts } from '../../typings/contracts';
import { compose, contract } from '../../typings/contracts/define';
import { check, fieldsOf, labelOf } from '../../typings/contracts/messages';
import { contractRefusal } from '../contract-check';
import { MESSAGE_TEMPLATES, NOTICE_KINDS, NOTICE_LABEL } from '../../typings/notices';

const every = Object.entries(contracts).flatMap(([fn, actions]) =>
  Object.entries(actions).map(([action, c]) => ({ route: `${fn}.${action}`, input: c.input })),
);

const refusal = (route: string, payload: unknown): string => {
  const c = every.find((e) => e.route === route);
  if (!c) throw new Error(`no contract ${route}`);
  const r = check(c.input, payload);
  if (r.ok) throw new Error(`${route} accepted ${JSON.stringify(payload)}`);
  return r.message;
};

test('every field of every contract has a label a user understands', () => {
  const unlabelled = every.flatMap(({ route, input }) =>
    fieldsOf(input)
      .filter((f) => !labelOf(f.schema))
      .map((f) => `${route}: ${f.path.join('.')}`),
  );
  expect(unlabelled).toEqual([]);
  expect(every.length).toBeGreaterThan(70);
});

test('a refusal names the field in Chinese and says what is wrong', () => {
  const order = { clientRequestId: 'abcdef-12345678', batchId: 'b1', lines: [{ batchItemId: 'i1', qty: 1 }] };
  expect(refusal('order.create', { ...order, lines: [{ batchItemId: 'i1', qty: 0 }] })).toBe('数量必须大于 0');
  expect(refusal('order.create', { ...order, lines: [{ batchItemId: 'i1', qty: 1.5 }] })).toBe('数量必须是整数');
  expect(refusal('order.create', { ...order, lines: [{ batchItemId: 'i1', qty: 1000 }] })).toBe('数量不能大于 999');
  expect(refusal('order.create', { ...order, lines: [] })).toBe('商品不能为空');
  expect(refusal('order.create', { ...order, pickupPointId: '  ' })).toBe('自提点不能为空');
  expect(refusal('order.create', { ...order, batchId: undefined })).toBe('团期不能为空');
  expect(refusal('order.create', { ...order, batchId: 42 })).toBe('团期必须是文字');
  expect(refusal('order.afterSale', { orderId: 'o1', lines: order.lines, reason: '坏'.repeat(31) })).toBe(
    '售后原因不能超过 30 个字',
  );
  expect(refusal('order.afterSale', { orderId: 'o1', lines: order.lines, reason: '坏', photos: ['https://x'] })).toBe(
    '照片必须是云存储文件',
  );
  expect(refusal('leader.apply', { name: '李', phone: '123' })).toBe('手机号格式不正确');
  expect(refusal('admin.settings.noShow', { action: 'keep', graceHours: 24 })).toBe('处理方式不能为空');
  expect(refusal('admin.settings.noShow', { rule: 'burn', graceHours: 24 })).toBe('处理方式不是可选的值');
  expect(refusal('admin.leaders.review', { applicationId: 'a', approve: false })).toBe('拒绝时必须填写原因');
  expect(refusal('commission.stats', { granularity: 'day', from: '2024-03-02', to: '2024-03-01' })).toBe(
    '结束日期不能早于开始日期',
  );
});

test('an accepted input comes back with its defaults filled in', () => {
  expect(check(contracts.order.list.input, {})).toEqual({ ok: true, data: { page: 1, pageSize: 10 } });
});

test('two modules defining one action fail at load', () => {
  const a = { same: contract(() => z.object({})).answers<null>() };
  expect(() => compose(a, { ...a })).toThrow('action "same" is defined twice');
});

test('the client tests refuse what the server would: the old 未提货规则 call, an unknown action', () => {
  // What the console's 设置 → 未提货规则 used to send: the client overwrote `action` with the action name.
  expect(contractRefusal('admin', { action: 'settings.noShow', graceHours: 24, remindHoursBefore: 4 })).toBe(
    'admin.settings.noShow {"graceHours":24,"remindHoursBefore":4} is refused: 处理方式不能为空',
  );
  expect(contractRefusal('admin', { action: 'settings.noShow', rule: 'keep', graceHours: 24 })).toBeUndefined();
  expect(contractRefusal('order', { action: 'pay', orderId: 'o1' })).toBe('order.pay is no action of the contracts');
  expect(contractRefusal('nope', { action: 'x' })).toBe('nope.x is no action of the contracts');
});

test('a date or time that is not on the calendar is refused, naming the field', () => {
  const batch = {
    title: '团',
    opensAt: '2099-02-01T08:00:00+08:00',
    cutoffAt: '2099-02-02T20:00:00+08:00',
    pickupDate: '2099-02-03',
    items: [{ productId: 'p1', priceFen: 500, originalPriceFen: 800, stock: 5, limitPerUser: 0, minQuantity: 0 }],
  };
  expect(check(contracts.admin['batches.create'].input, batch).ok).toBe(true);
  for (const pickupDate of ['2099-13-45', '2099-02-30', '9999-99-99', '2026-04-31', '2023-02-29'])
    expect(refusal('admin.batches.create', { ...batch, pickupDate })).toBe('提货日不是日历上的日期');
  expect(refusal('admin.batches.create', { ...batch, pickupDate: '2099/02/03' })).toBe('提货日格式应为 YYYY-MM-DD');
  expect(refusal('admin.batches.create', { ...batch, opensAt: '2099-02-30T08:00:00+08:00' })).toBe(
    '开团时间格式不正确',
  );
  expect(check(contracts.admin['batches.create'].input, { ...batch, pickupDate: '2024-02-29' }).ok).toBe(true);
  expect(refusal('admin.dashboard', { from: '2026-11-32', to: '2026-12-01' })).toBe('开始日期不是日历上的日期');
  expect(refusal('admin.dashboard', { from: '2026-11-30', to: '2026-12-00' })).toBe('结束日期不是日历上的日期');
  expect(refusal('admin.batches.suggest', { productIds: ['p1'], pickupDate: '2099-02-30' })).toBe(
    '提货日不是日历上的日期',
  );
});

test('the templates the system sends fit one consent sheet (≤ 3 ids), each kind once, with its label and env var', () => {
  expect(NOTICE_KINDS).toEqual(['pickup', 'reminder', 'refund']);
  expect(NOTICE_KINDS.length).toBeLessThanOrEqual(3);
  expect(NOTICE_LABEL).toEqual({ pickup: '到货取货通知', reminder: '取货提醒', refund: '退款通知' });
  const envs = Object.values(MESSAGE_TEMPLATES).map((t) => t.env);
  expect(new Set(envs).size).toBe(envs.length);
  // Only MESSAGE_TEMPLATES keys can be saved in 设置.
  expect(check(contracts.admin['settings.save'].input, { templates: { refundDone: 'tmpl-1' } }).ok).toBe(true);
  expect(check(contracts.admin['settings.save'].input, { templates: { orderPaid: 'tmpl-1' } }).ok).toBe(false);
});

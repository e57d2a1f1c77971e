/**
 * Compile-time tests (tsc -p test, part of `npm run typecheck`; never run): a
 * mini-program call the function's contract refuses is a type error. Each
 * @ts-expect-error line fails the type check the day it stops being an error.
 */
import { callFunction } from '../../miniprogram/lib/transport';

export async function refusedAtCompileTime() {
  // @ts-expect-error an action the order function does not have
  await callFunction('order', 'pay', { orderId: 'o1' });
  // @ts-expect-error lines are required
  await callFunction('order', 'create', { clientRequestId: 'abcdef-12345678', batchId: 'b1' });
  await callFunction('order', 'create', {
    clientRequestId: 'abcdef-12345678',
    batchId: 'b1',
    // @ts-expect-error a quantity of the wrong type
    lines: [{ batchItemId: 'i1', qty: '2' }],
  });
  // @ts-expect-error the leader's point is never sent: the server finds it
  await callFunction('leader', 'skuTotals', { batchId: 'b1', pickupPointId: 'p1' });
  // Defaults may be left out; the answer is typed from the contract.
  const page: { hasMore: boolean } = await callFunction('order', 'list', {});
  return page;
}

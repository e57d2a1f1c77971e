/**
 * Compile-time tests (vue-tsc, part of `npm run typecheck`; never bundled): a
 * console call the admin function's contract refuses is a type error. Each
 * @ts-expect-error line fails the type check the day it stops being an error.
 */
import { admin } from './admin';

export function refusedAtCompileTime() {
  // @ts-expect-error the field is `rule`: `action` names the action of every call
  void admin('settings.noShow', { action: 'keep', graceHours: 24 });
  // @ts-expect-error a rule the contract does not know
  void admin('settings.noShow', { rule: 'burn', graceHours: 24 });
  // @ts-expect-error an action the admin function does not have
  void admin('settings.noShowRule', {});
  void admin('orders.refund', {
    orderId: 'o1',
    // @ts-expect-error a quantity of the wrong type
    lines: [{ batchItemId: 'b1', qty: '1' }],
    reason: 'x',
    outRefundNo: 'r1',
  });
  // @ts-expect-error a misspelt optional field
  void admin('orders.search', { batchID: 'b1' });
  // A field with a default may be left out; the answer is typed from the contract.
  const saved: Promise<{ noShow: { rule: 'keep' | 'restock' | 'refund' } }> = admin('settings.noShow', {
    rule: 'keep',
    graceHours: 24,
  });
  return saved;
}

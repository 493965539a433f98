// The `state:` expectation: the store's final rows decide, whatever tool path led there.
import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../src/eval/case-schema.js';
import { gradeState, type StoreState } from '../../src/eval/graders/index.js';

const state: StoreState = {
  orders: { '28511': { status: 'cancelled', shipTo: { city: 'Portland', zip: '97205' } } },
  returnLabels: { '28511': [] },
  refunds: { '28511': [{ kind: 'cancellation', amount: 94, status: 'pending' }] },
  claims: { '28511': [] },
  replacements: { '28511': [] },
  cart: [{ productId: 'p_tee', name: 'Navy Cotton Tee', size: 'M', quantity: 1 }],
  tickets: 0,
};
const failed = (expect: unknown) =>
  gradeState(CaseSchema.shape.state.parse(expect), state)
    .filter((c) => c.status === 'fail')
    .map((c) => c.reason);

describe('state grader', () => {
  it('passes when the named rows are as expected', () => {
    expect(
      failed({
        orders: { '28511': { status: 'cancelled', shipTo: { city: 'portland' } } },
        refunds: { '28511': [{ kind: 'cancellation', amount: 94 }] },
        returnLabels: { '28511': 0 },
        cart: { lines: 1, items: [{ size: 'M' }] },
        tickets: 0,
      }),
    ).toEqual([]);
  });

  it('fails on a wrong status, a missing or extra row, a wrong count or an unknown order, naming it', () => {
    expect(failed({ orders: { '28511': { status: 'processing' } } })).toEqual([expect.stringMatching(/^order #28511: expected/)]);
    expect(failed({ refunds: { '28511': 0 } })).toEqual([expect.stringMatching(/refunds of #28511/)]);
    expect(failed({ refunds: { '28511': [{ kind: 'cancellation' }, { kind: 'return' }] } })).toHaveLength(1);
    expect(failed({ claims: { '28511': [{ kind: 'damaged' }] } })).toHaveLength(1);
    expect(failed({ orders: { '99999': { status: 'delivered' } } })).toEqual([expect.stringMatching(/no such order/)]);
    expect(failed({ tickets: 1, cart: { lines: 2 } })).toHaveLength(2);
  });

  it('rejects a malformed expectation when the case loads', () => {
    expect(CaseSchema.shape.state.safeParse({ orders: { abc: { status: 'cancelled' } } }).success).toBe(false);
    expect(CaseSchema.shape.state.safeParse({ refunds: { '28511': -1 } }).success).toBe(false);
    expect(CaseSchema.shape.state.safeParse({ orders: { '28511': { colour: 'red' } } }).success).toBe(false);
  });
});

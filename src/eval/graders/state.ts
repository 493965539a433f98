// The store after the conversation must be as the case says, whatever tool path led there
// (τ-bench grades retail agents by the final database state the same way). One check per named
// thing, so a report says exactly which row is off.
import type { StateExpect } from '../case-schema.js';
import type { CheckResult } from '../types.js';
import { matchesSubset, show } from './match.js';

type Rows = Array<Record<string, unknown>>;

export interface StoreState {
  orders: Record<string, { status: string; shipTo: Record<string, unknown> }>;
  returnLabels: Record<string, Rows>;
  refunds: Record<string, Rows>;
  claims: Record<string, Rows>;
  replacements: Record<string, Rows>;
  cart: Rows;
  tickets: number;
}

const check = (ok: boolean, what: string, expected: unknown, actual: unknown): CheckResult => ({
  grader: 'state',
  status: ok ? 'pass' : 'fail',
  reason: ok ? `${what} as expected` : `${what}: expected ${show(expected)}, found ${show(actual)}`,
});

/** A count, or row subsets each matching a different row with nothing left over. */
function rowsMatch(expected: number | Rows, actual: Rows): boolean {
  if (typeof expected === 'number') return actual.length === expected;
  if (expected.length !== actual.length) return false;
  const free = [...actual];
  return expected.every((e) => {
    const i = free.findIndex((a) => matchesSubset(e, a));
    if (i < 0) return false;
    free.splice(i, 1);
    return true;
  });
}

export function gradeState(expect: StateExpect | undefined, state: StoreState | null): CheckResult[] {
  if (!expect) return [];
  if (!state) return [{ grader: 'state', status: 'fail', reason: 'the store could not be read after the conversation' }];
  const out: CheckResult[] = [];
  for (const [number, want] of Object.entries(expect.orders ?? {})) {
    const got = state.orders[number];
    out.push(check(!!got && matchesSubset(want, got), `order #${number}`, want, got ?? 'no such order'));
  }
  for (const key of ['returnLabels', 'refunds', 'claims', 'replacements'] as const) {
    for (const [number, want] of Object.entries(expect[key] ?? {})) {
      const got = state[key][number] ?? [];
      out.push(check(rowsMatch(want, got), `${key} of #${number}`, want, got));
    }
  }
  if (expect.cart?.lines !== undefined)
    out.push(check(state.cart.length === expect.cart.lines, 'cart lines', expect.cart.lines, state.cart.length));
  if (expect.cart?.items) out.push(check(matchesSubset(expect.cart.items, state.cart), 'cart items', expect.cart.items, state.cart));
  if (expect.tickets !== undefined) out.push(check(state.tickets === expect.tickets, 'tickets opened', expect.tickets, state.tickets));
  return out;
}

// A case's own assertion (`assert: ./checks/loyalty.ts#pointsMatch`): a function in a module
// next to the case, for what the YAML expectations cannot say. It gets the recorded
// conversation and the shopper, and returns what failed: nothing (or an empty list) passes, a
// string or a list of strings fails with those reasons; a throw fails with its message.
import { pathToFileURL } from 'node:url';
import type { EvalCase } from '../case-schema.js';
import type { CheckResult, ShopperFacts, TurnRecord } from '../types.js';

export interface AssertionInput {
  caseId: string;
  turns: readonly TurnRecord[];
  shopper: ShopperFacts;
}

export type Assertion = (input: AssertionInput) => void | string | readonly string[] | Promise<void | string | readonly string[]>;

/** `assert` as loaded: an absolute module path, optionally "#exportName". */
export async function runCustomAssertion(c: EvalCase, input: AssertionInput): Promise<CheckResult[]> {
  if (!c.assert) return [];
  const [file, name = 'default'] = c.assert.split('#') as [string, string?];
  const fail = (reason: string): CheckResult[] => [{ grader: 'custom', status: 'fail', reason }];
  let fn: unknown;
  try {
    fn = ((await import(pathToFileURL(file).href)) as Record<string, unknown>)[name];
  } catch (err) {
    return fail(`cannot load ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof fn !== 'function') return fail(`${file} has no function export "${name}"`);
  try {
    const out = await (fn as Assertion)(input);
    const reasons = out === undefined ? [] : typeof out === 'string' ? [out] : [...out];
    if (!reasons.length) return [{ grader: 'custom', status: 'pass', reason: `${name} passed` }];
    return reasons.map((reason) => ({ grader: 'custom', status: 'fail' as const, reason }));
  } catch (err) {
    return fail(`${name} threw: ${(err as Error).message}`);
  }
}

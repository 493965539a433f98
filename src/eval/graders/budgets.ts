// Budget grader: model calls, tokens (input + output) and wall-clock latency per turn.
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, TurnRecord } from '../types.js';

export type Budgets = NonNullable<TurnExpect['budgets']>;

export function gradeBudgets(budgets: Budgets | undefined, turn: TurnRecord): CheckResult[] {
  if (!budgets) return [];
  const at = turn.index;
  const out: CheckResult[] = [];
  const one = (label: string, used: number, limit: number | undefined) => {
    if (limit === undefined) return;
    out.push(
      used <= limit
        ? { grader: 'budgets', status: 'pass', reason: `${label} ${used} ≤ ${limit}`, turn: at }
        : { grader: 'budgets', status: 'fail', reason: `${label} ${used} over budget ${limit}`, turn: at },
    );
  };
  one('model calls', turn.usage.modelCalls, budgets.modelCalls);
  one('tokens', turn.usage.inputTokens + turn.usage.outputTokens, budgets.tokens);
  one('latency ms', Math.round(turn.latencyMs), budgets.latencyMs);
  return out;
}

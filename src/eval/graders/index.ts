// Grades one recorded run of a case: per-turn graders, then whole-conversation policy.
import type { CheckResult, GradeInput } from '../types.js';
import { gradeBudgets, type Budgets } from './budgets.js';
import { gradeGrounded } from './grounded.js';
import { effectiveShopper } from './identity.js';
import { gradeJudge, type Judge } from './judge.js';
import { gradePersona, type PersonaGradeOptions } from './persona.js';
import { gradePolicy } from './policy.js';
import { gradeReply } from './reply.js';
import { gradeToolCalls } from './tools.js';

export interface GradeOptions extends PersonaGradeOptions {
  /** Budgets applied to every turn unless the case sets its own. */
  defaultBudgets: Budgets;
  judge: Judge | null;
}

export async function gradeRun(input: GradeInput, opts: GradeOptions): Promise<CheckResult[]> {
  const { evalCase, run, shopper, store } = input;
  const checks: CheckResult[] = [];
  for (let i = 0; i < run.turns.length; i++) {
    const turn = run.turns[i]!;
    const expect = evalCase.turns[i]?.expect ?? {};
    if (turn.error || turn.status !== 200) {
      checks.push({
        grader: 'turn',
        status: 'fail',
        reason: `turn failed (HTTP ${turn.status}): ${turn.error ?? 'no reply'}`,
        turn: turn.index,
      });
      continue;
    }
    checks.push(...gradeToolCalls(expect.tools, turn));
    checks.push(...gradeReply(expect.reply, turn));
    checks.push(...gradePersona(expect.persona, run.turns, i, effectiveShopper(run.turns, i, shopper, store), opts));
    if (expect.grounded !== false) checks.push(gradeGrounded(run.turns, i, store));
    checks.push(...gradeBudgets({ ...opts.defaultBudgets, ...expect.budgets }, turn));
    checks.push(...(await gradeJudge(expect.judge, turn, opts.judge)));
  }
  checks.push(...gradePolicy(run.turns, shopper, store));
  return checks;
}

export { gradeToolCalls, gradeReply, gradePersona, gradeGrounded, gradePolicy, gradeBudgets, gradeJudge };
export { gradeInvariance } from './invariance.js';
export { gradeState, type StoreState } from './state.js';
export { policyOutcome, isAffirmative } from './policy.js';
export { effectiveShopper } from './identity.js';
export { matchesSubset } from './match.js';
export { extractFacts, FactSources } from './facts.js';
export type { Judge, JudgeVerdict } from './judge.js';
export type { Budgets } from './budgets.js';
export type { PersonaGradeOptions } from './persona.js';

// Runs a suite: expands cases into instances (one per persona for invariance cases, k times for
// --repeat), runs them through a small pool, adds the cross-persona invariance check, and
// aggregates pass^k scores per persona and tag.
import type { EvalCase } from '../case-schema.js';
import { gradeInvariance, type GradeOptions } from '../graders/index.js';
import { combineRuns, summarize } from '../score.js';
import type { CaseRun, SuiteResult } from '../types.js';
import type { Harness } from './harness.js';
import { runPool } from './pool.js';
import { runInstance, type Instance } from './run-case.js';

export interface SuiteOptions {
  harness: Harness;
  model: string;
  judgeName: string | null;
  grade: GradeOptions;
  concurrency: number;
  repeat: number;
  label?: string | null;
  onRun?: (run: CaseRun) => void;
  /** Wraps each instance's run (record/replay installs and saves model exchanges here). */
  around?: (inst: Instance, run: () => Promise<CaseRun>) => Promise<CaseRun>;
}

export function expandCase(c: EvalCase, personaIds: readonly string[], repetition: number): Instance[] {
  if (!c.allPersonas) return [{ evalCase: c, instanceId: c.id, forcedPersona: null, repetition }];
  return personaIds.map((p) => ({ evalCase: c, instanceId: `${c.id}[${p}]`, forcedPersona: p, repetition }));
}

export function countInstances(cases: readonly EvalCase[], personaIds: readonly string[]): number {
  return cases.reduce((n, c) => n + (c.allPersonas ? personaIds.length : 1), 0);
}

export async function runSuite(cases: readonly EvalCase[], opts: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  // A group is every instance of one case in one repetition: invariance compares within it.
  const groups: Instance[][] = [];
  for (let r = 0; r < opts.repeat; r++) for (const c of cases) groups.push(expandCase(c, opts.harness.personaIds, r));
  const around = opts.around ?? ((_inst, run) => run());
  const done = await runPool(groups, opts.concurrency, async (group) => {
    const runs: CaseRun[] = [];
    for (const inst of group) runs.push(await around(inst, () => runInstance(opts.harness, inst, opts.grade)));
    if (group[0]!.evalCase.allPersonas) {
      const checks = gradeInvariance(runs);
      for (const run of runs) {
        run.checks.push(...checks);
        run.passed = run.passed && !checks.some((c) => c.status === 'fail');
      }
    }
    for (const run of runs) opts.onRun?.(run);
    return runs;
  });
  const outcomes = combineRuns(done.flat());
  return {
    model: opts.model,
    judge: opts.judgeName,
    repeat: opts.repeat,
    startedAt,
    durationMs: performance.now() - started,
    label: opts.label ?? null,
    outcomes,
    summary: summarize(outcomes),
  };
}

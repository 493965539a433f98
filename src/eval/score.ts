// Aggregation: k runs of a case instance → one outcome (pass^k), outcomes → scores per persona and tag.
import type { CaseOutcome, CaseRun, GroupScore, SuiteSummary } from './types.js';

/** pass^k: an instance counts as passed only if every one of its k runs passed. */
export function combineRuns(runs: readonly CaseRun[]): CaseOutcome[] {
  const byInstance = new Map<string, CaseRun[]>();
  for (const r of runs) {
    const list = byInstance.get(r.instanceId) ?? [];
    list.push(r);
    byInstance.set(r.instanceId, list);
  }
  return [...byInstance.entries()].map(([instanceId, list]) => {
    const first = list[0]!;
    const passes = list.filter((r) => r.passed).length;
    return {
      instanceId,
      caseId: first.caseId,
      persona: first.forcedPersona ?? first.persona,
      personas: personasOf(list),
      tags: first.tags,
      file: first.file,
      runs: list,
      passed: passes === list.length,
      passes,
    };
  });
}

/** Every persona that served a turn of these runs, first-served first; the forced one when forced. */
export function personasOf(runs: readonly CaseRun[]): string[] {
  const first = runs[0]!;
  if (first.forcedPersona) return [first.forcedPersona];
  const seen = new Set<string>();
  for (const r of runs) for (const t of r.turns) if (t.persona) seen.add(t.persona.id);
  return seen.size ? [...seen] : [first.persona];
}

function group(outcomes: readonly CaseOutcome[], keysOf: (o: CaseOutcome) => string[]): GroupScore[] {
  const acc = new Map<string, { cases: number; passed: number }>();
  for (const o of outcomes) {
    for (const key of keysOf(o)) {
      const g = acc.get(key) ?? { cases: 0, passed: 0 };
      g.cases++;
      if (o.passed) g.passed++;
      acc.set(key, g);
    }
  }
  return [...acc.entries()]
    .map(([key, g]) => ({ key, cases: g.cases, passed: g.passed, score: g.cases ? g.passed / g.cases : 0 }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function summarize(outcomes: readonly CaseOutcome[]): SuiteSummary {
  const passed = outcomes.filter((o) => o.passed).length;
  const runs = outcomes.flatMap((o) => o.runs);
  const runPasses = runs.filter((r) => r.passed).length;
  return {
    cases: outcomes.length,
    passed,
    failed: outcomes.length - passed,
    passRate: outcomes.length ? passed / outcomes.length : 0,
    runPassRate: runs.length ? runPasses / runs.length : 0,
    skippedChecks: runs.reduce((n, r) => n + r.checks.filter((c) => c.status === 'skipped').length, 0),
    byPersona: group(outcomes, (o) => o.personas ?? [o.persona]),
    byTag: group(outcomes, (o) => o.tags),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// pass^k and the baseline gate, on recorded runs.
import { describe, expect, it } from 'vitest';
import { baselineFrom, gate } from '../../src/eval/baseline.js';
import { combineRuns, summarize } from '../../src/eval/score.js';
import type { CaseRun, SuiteResult } from '../../src/eval/types.js';
import { run, turn } from './helpers.js';

const r = (id: string, passed: boolean, persona = 'vip', tags = ['orders']): CaseRun => ({
  ...run(id, [turn(1, 'hi', 'hello', [], { persona: { id: persona, version: 'sha256:x', variant: null } })]),
  persona,
  tags,
  passed,
  checks: passed ? [] : [{ grader: 'reply', status: 'fail', reason: 'lacks "x"', turn: 1 }],
});

function suite(runs: CaseRun[], repeat = 1): SuiteResult {
  const outcomes = combineRuns(runs);
  return { model: 'offline', judge: null, repeat, startedAt: '', durationMs: 1, label: null, outcomes, summary: summarize(outcomes) };
}

describe('pass^k', () => {
  it('counts a case only when all k runs pass, and reports the per-run rate beside it', () => {
    // a: 3/3, b: 2/3, c: 0/3 → pass^3 = 1/3; per-run = 5/9.
    const runs = [
      r('a', true),
      r('b', true),
      r('c', false),
      r('a', true),
      r('b', false),
      r('c', false),
      r('a', true),
      r('b', true),
      r('c', false),
    ];
    const s = suite(runs, 3).summary;
    expect(s.cases).toBe(3);
    expect(s.passed).toBe(1);
    expect(s.passRate).toBeCloseTo(1 / 3);
    expect(s.runPassRate).toBeCloseTo(5 / 9);
    expect(suite(runs, 3).outcomes.map((o) => [o.instanceId, o.passes, o.passed])).toEqual([
      ['a', 3, true],
      ['b', 2, false],
      ['c', 0, false],
    ]);
  });

  it('scores per persona and per tag', () => {
    const s = suite([
      r('a', true, 'vip', ['orders', 'policy']),
      r('b', false, 'vip', ['orders']),
      r('c', true, 'neutral', ['policy']),
    ]).summary;
    expect(s.byPersona).toEqual([
      { key: 'neutral', cases: 1, passed: 1, score: 1 },
      { key: 'vip', cases: 2, passed: 1, score: 0.5 },
    ]);
    expect(s.byTag.map((g) => [g.key, g.passed, g.cases])).toEqual([
      ['orders', 1, 2],
      ['policy', 2, 2],
    ]);
  });
});

describe('baseline gate', () => {
  const base = baselineFrom(suite([r('a', true), r('b', true), r('c', false), r('d', true, 'neutral')]));

  it('passes an unchanged run and notes improvements', () => {
    const v = gate(suite([r('a', true), r('b', true), r('c', true), r('d', true, 'neutral')]), base, { tolerance: 0.02, complete: true });
    expect(v.ok).toBe(true);
    expect(v.notes).toEqual(['c now passes (failed in baseline) — consider --update-baseline']);
  });

  it('fails when a case that passed in the baseline fails, naming the case and the check', () => {
    const v = gate(suite([r('a', true), r('b', false), r('c', false), r('d', true, 'neutral')]), base, { tolerance: 0.5, complete: true });
    expect(v.ok).toBe(false);
    expect(v.regressions).toEqual(['b (vip) passed in the baseline and now fails: [reply] lacks "x"']);
  });

  it('fails when a persona score drops by more than the tolerance, even with no single regression', () => {
    // A new failing case drags vip from 2/3 to 2/4.
    const v = gate(suite([r('a', true), r('b', true), r('c', false), r('e', false), r('d', true, 'neutral')]), base, {
      tolerance: 0.1,
      complete: true,
    });
    expect(v.regressions).toEqual(['persona vip score 50.0% dropped from 66.7% (tolerance 10.0%)']);
    expect(
      gate(suite([r('a', true), r('b', true), r('c', false), r('e', false), r('d', true, 'neutral')]), base, {
        tolerance: 0.2,
        complete: true,
      }).ok,
    ).toBe(true);
  });

  it('fails without a baseline', () => {
    expect(gate(suite([r('a', true)]), null, { tolerance: 0, complete: true }).regressions[0]).toMatch(/no baseline/);
  });
});

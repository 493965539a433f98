// The console summary: totals, a table per persona and per tag, then the failing checks.
import type { GroupScore, SuiteResult } from '../types.js';
import { pct } from '../score.js';

function table(title: string, rows: readonly GroupScore[]): string {
  const w = Math.max(title.length, ...rows.map((r) => r.key.length));
  const lines = [`${title.padEnd(w)}  cases  passed  score`];
  for (const r of rows)
    lines.push(`${r.key.padEnd(w)}  ${String(r.cases).padStart(5)}  ${String(r.passed).padStart(6)}  ${pct(r.score).padStart(6)}`);
  return lines.join('\n');
}

export function formatSummary(result: SuiteResult, opts: { maxFailures?: number } = {}): string {
  const s = result.summary;
  const k = result.repeat > 1 ? ` pass^${result.repeat}` : '';
  const head = [
    `Eval: ${s.passed}/${s.cases} passed${k} (${pct(s.passRate)})${result.repeat > 1 ? `, per-run pass rate ${pct(s.runPassRate)}` : ''} — model ${result.model}${result.judge ? `, judge ${result.judge}` : ''}, ${(result.durationMs / 1000).toFixed(1)} s`,
    s.skippedChecks ? `${s.skippedChecks} check(s) skipped (not counted as passed)` : '',
  ].filter(Boolean);
  const failures = result.outcomes.filter((o) => !o.passed);
  const max = opts.maxFailures ?? 40;
  const fl = failures.slice(0, max).map((o) => {
    const failedRun = o.runs.find((r) => !r.passed)!;
    const checks = failedRun.checks
      .filter((c) => c.status === 'fail')
      .map((c) => `    - [${c.grader}${c.turn ? ` turn ${c.turn}` : ''}] ${c.reason}`);
    const err = failedRun.error ? [`    - error: ${failedRun.error}`] : [];
    return [
      `  ✗ ${o.instanceId} (${o.file})${o.runs.length > 1 ? ` ${o.passes}/${o.runs.length} runs passed` : ''}`,
      ...err,
      ...checks,
    ].join('\n');
  });
  if (failures.length > max) fl.push(`  … and ${failures.length - max} more (see the HTML report)`);
  return [...head, '', table('persona', s.byPersona), '', table('tag', s.byTag), ...(fl.length ? ['', 'Failures:', ...fl] : [])].join('\n');
}

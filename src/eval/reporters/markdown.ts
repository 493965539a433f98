// A Markdown summary for pull requests and CI step summaries.
import type { GroupScore, SuiteResult } from '../types.js';
import { pct } from '../score.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(title: string, rows: readonly GroupScore[]): string[] {
  return [
    `| ${title} | cases | passed | score |`,
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${esc(r.key)} | ${r.cases} | ${r.passed} | ${pct(r.score)} |`),
  ];
}

export function toMarkdown(result: SuiteResult, gateLines: readonly string[] = []): string {
  const s = result.summary;
  const lines = [
    `## Tailor eval — ${s.passed}/${s.cases} passed (${pct(s.passRate)})`,
    '',
    `Model \`${result.model}\`${result.judge ? `, judge \`${result.judge}\`` : ', no judge (judge checks skipped)'}, ${result.repeat > 1 ? `pass^${result.repeat} (per-run ${pct(s.runPassRate)}), ` : ''}${(result.durationMs / 1000).toFixed(1)} s.${result.label ? ` ${result.label}` : ''}`,
    '',
    ...table('persona', s.byPersona),
    '',
    ...table('tag', s.byTag),
  ];
  if (gateLines.length) lines.push('', '### Gate', '', ...gateLines.map((l) => `- ${esc(l)}`));
  const snaps = result.prompts?.snapshots ?? [];
  if (snaps.length) {
    lines.push(
      '',
      '### Rendered prompts changed',
      '',
      `Accept with \`npm run eval -- --update-snapshots\` after review; the diff against \`${result.prompts!.snapshotsDir}/\`:`,
    );
    for (const c of snaps) lines.push('', `**${c.source ?? c.file}** (${c.status})`, '', '````diff', c.diff.trimEnd(), '````');
  }
  const failures = result.outcomes.filter((o) => !o.passed);
  if (failures.length) {
    lines.push('', '### Failures', '', '| case | check | reason |', '|---|---|---|');
    for (const o of failures) {
      const run = o.runs.find((r) => !r.passed)!;
      for (const c of run.checks.filter((x) => x.status === 'fail'))
        lines.push(`| ${esc(o.instanceId)} | ${c.grader}${c.turn ? ` (turn ${c.turn})` : ''} | ${esc(c.reason)} |`);
      if (run.error) lines.push(`| ${esc(o.instanceId)} | error | ${esc(run.error)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

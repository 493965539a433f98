// --compare persona@A,B: the same cases under both variants of one persona's experiment, side
// by side, listing the cases where the outcome or the reply differs.
import type { CaseOutcome, SuiteResult } from './types.js';
import { pct } from './score.js';

export interface CompareRow {
  instanceId: string;
  a: boolean;
  b: boolean;
  outcomeDiffers: boolean;
  replyDiffers: boolean;
  firstFailA: string | null;
  firstFailB: string | null;
}

export interface Comparison {
  persona: string;
  variants: [string, string];
  rows: CompareRow[];
  scoreA: number;
  scoreB: number;
}

const served = (o: CaseOutcome, persona: string) => o.runs.some((r) => r.turns.some((t) => t.persona?.id === persona));
const firstFail = (o: CaseOutcome) => {
  const c = o.runs.flatMap((r) => r.checks).find((x) => x.status === 'fail');
  return c ? `[${c.grader}] ${c.reason}` : null;
};
const replies = (o: CaseOutcome) => o.runs[0]!.turns.map((t) => t.reply).join('\u0000');

export function compareResults(a: SuiteResult, b: SuiteResult, persona: string, variants: [string, string]): Comparison {
  const bById = new Map(b.outcomes.map((o) => [o.instanceId, o]));
  const rows: CompareRow[] = [];
  for (const oa of a.outcomes) {
    const ob = bById.get(oa.instanceId);
    if (!ob || !(served(oa, persona) || served(ob, persona))) continue;
    rows.push({
      instanceId: oa.instanceId,
      a: oa.passed,
      b: ob.passed,
      outcomeDiffers: oa.passed !== ob.passed,
      replyDiffers: replies(oa) !== replies(ob),
      firstFailA: firstFail(oa),
      firstFailB: firstFail(ob),
    });
  }
  const score = (key: 'a' | 'b') => (rows.length ? rows.filter((r) => r[key]).length / rows.length : 0);
  return { persona, variants, rows, scoreA: score('a'), scoreB: score('b') };
}

export function formatComparison(c: Comparison): string {
  const [va, vb] = c.variants;
  const lines = [
    `## ${c.persona}: ${va} vs ${vb} on ${c.rows.length} case(s) served by ${c.persona}`,
    '',
    `| | ${va} | ${vb} |`,
    '|---|---:|---:|',
    `| passed | ${c.rows.filter((r) => r.a).length}/${c.rows.length} (${pct(c.scoreA)}) | ${c.rows.filter((r) => r.b).length}/${c.rows.length} (${pct(c.scoreB)}) |`,
    '',
    `Outcomes differ in ${c.rows.filter((r) => r.outcomeDiffers).length} case(s), replies in ${c.rows.filter((r) => r.replyDiffers).length}.`,
  ];
  const differing = c.rows.filter((r) => r.outcomeDiffers || r.replyDiffers);
  if (differing.length) {
    lines.push('', `| case | ${va} | ${vb} | differs in |`, '|---|---|---|---|');
    for (const r of differing) {
      const cell = (ok: boolean, fail: string | null) => (ok ? 'pass' : `FAIL ${fail ?? ''}`.replace(/\|/g, '\\|'));
      lines.push(
        `| ${r.instanceId} | ${cell(r.a, r.firstFailA)} | ${cell(r.b, r.firstFailB)} | ${[r.outcomeDiffers ? 'outcome' : '', r.replyDiffers ? 'reply' : ''].filter(Boolean).join(', ')} |`,
      );
    }
  } else lines.push('', 'No case differs between the two variants.');
  return `${lines.join('\n')}\n`;
}

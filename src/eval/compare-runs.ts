// Run versus run: two report files (eval.json) from earlier runs — before and after a prompt
// edit, on two models, or today's CI against last week's — compared case by case and per
// persona, without running anything.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { pct } from './score.js';
import type { SuiteResult } from './types.js';

// Only what the comparison reads; a report holds much more (transcripts, checks).
const ReportSchema = z.object({
  model: z.string(),
  startedAt: z.string(),
  outcomes: z.array(
    z.object({
      instanceId: z.string(),
      passed: z.boolean(),
      persona: z.string(),
      personas: z.array(z.string()).optional(),
      runs: z.array(z.unknown()),
    }),
  ),
  summary: z.object({
    cases: z.number(),
    passed: z.number(),
    passRate: z.number(),
    byPersona: z.array(z.object({ key: z.string(), cases: z.number(), passed: z.number(), score: z.number() })),
  }),
});
type Report = z.infer<typeof ReportSchema>;

export function readReport(file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a readable report (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file}: not an eval report (eval.json): ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
    );
  return parsed.data;
}

export interface RunComparison {
  fixed: string[];
  broken: string[];
  added: Array<{ id: string; passed: boolean }>;
  removed: string[];
  personas: Array<{ persona: string; before: number | null; after: number | null }>;
  text: string;
}

export function compareRuns(before: Report | SuiteResult, after: Report | SuiteResult, labels: [string, string]): RunComparison {
  const a = new Map(before.outcomes.map((o) => [o.instanceId, o.passed]));
  const b = new Map(after.outcomes.map((o) => [o.instanceId, o.passed]));
  const fixed = [...b].filter(([id, ok]) => ok && a.get(id) === false).map(([id]) => id);
  const broken = [...b].filter(([id, ok]) => !ok && a.get(id) === true).map(([id]) => id);
  const added = [...b].filter(([id]) => !a.has(id)).map(([id, passed]) => ({ id, passed }));
  const removed = [...a.keys()].filter((id) => !b.has(id));
  const pa = new Map(before.summary.byPersona.map((g) => [g.key, g.score]));
  const pb = new Map(after.summary.byPersona.map((g) => [g.key, g.score]));
  const personas = [...new Set([...pa.keys(), ...pb.keys()])]
    .sort()
    .map((persona) => ({ persona, before: pa.get(persona) ?? null, after: pb.get(persona) ?? null }));
  const cell = (x: number | null) => (x === null ? '-' : pct(x));
  const lines = [
    `## ${labels[0]} → ${labels[1]}`,
    '',
    `Models: ${before.model} → ${after.model}${before.model !== after.model ? '  (WARNING: different models)' : ''}`,
    `Passed: ${before.summary.passed}/${before.summary.cases} (${pct(before.summary.passRate)}) → ${after.summary.passed}/${after.summary.cases} (${pct(after.summary.passRate)})`,
    '',
    '| persona | before | after |',
    '|---|---:|---:|',
    ...personas.map((p) => `| ${p.persona} | ${cell(p.before)} | ${cell(p.after)} |`),
    '',
    `Now failing (passed before): ${broken.length ? broken.join(', ') : 'none'}`,
    `Now passing (failed before): ${fixed.length ? fixed.join(', ') : 'none'}`,
    `New cases: ${added.length ? added.map((x) => `${x.id} (${x.passed ? 'pass' : 'FAIL'})`).join(', ') : 'none'}`,
    `Removed cases: ${removed.length ? removed.join(', ') : 'none'}`,
  ];
  return { fixed, broken, added, removed, personas, text: `${lines.join('\n')}\n` };
}

// `npm run eval`: check the prompts (lint, prompt rules, rendered-prompt snapshots), load
// cases, run them through the real app, grade, report, and gate on the baseline. Returns the
// exit code instead of exiting, so tests drive it in-process.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { baselineFrom, gate, parseBaseline, type Baseline } from './baseline.js';
import { CaseFileError } from './case-loader.js';
import type { EvalCase } from './case-schema.js';
import { createRunner, type RunOnce } from './cli-run.js';
import { compareResults, formatComparison } from './compare.js';
import { compareRuns, readReport } from './compare-runs.js';
import { loadCasesFromDir, writeReports } from './files.js';
import type { ModelEnv } from './models.js';
import { EvalConfigSchema, idMatcher, parseArgs, parseEvalConfig, USAGE, type CliOptions, type EvalConfig } from './options.js';
import { checkPrompts, snapshotGateLines, writeSnapshots, type PromptCheck, type PromptGateResult } from './prompt-gate.js';
import type { SuiteResult } from './types.js';
import { formatSummary } from './reporters/index.js';
import { didYouMean } from '../personas/index.js';

export interface CliIo {
  cwd: string;
  env: ModelEnv & {
    CI?: string;
    GITHUB_STEP_SUMMARY?: string;
    TAILOR_PROMPTS_DIR?: string;
    TAILOR_DATA_DIR?: string;
    EVAL_RECORDING_SOURCE?: string;
  };
  out(text: string): void;
  err(text: string): void;
  tty: boolean;
}

interface Setup {
  opts: CliOptions;
  config: EvalConfig;
  cases: EvalCase[];
}

export async function runEvalCli(argv: readonly string[], io: CliIo): Promise<number> {
  const setup = prepare(argv, io);
  if (typeof setup === 'number') return setup;
  const { opts, config, cases } = setup;
  if (opts.compareReports) return compareReportFiles(opts.compareReports, io);

  const promptsDir = resolve(io.cwd, opts.promptsDir ?? io.env.TAILOR_PROMPTS_DIR ?? 'prompts');
  const rulesFile = resolve(io.cwd, opts.rulesFile ?? join(io.env.TAILOR_DATA_DIR ?? 'data', 'segments.yaml'));
  const snapshotsDir = resolve(io.cwd, opts.snapshotsDir);
  const prompts = await checkPrompts({ cwd: io.cwd, promptsDir, rulesFile, snapshotsDir });
  if (prompts.check.errors.length) return promptErrors(prompts.check, io);
  if (opts.updateSnapshots) return acceptSnapshots(prompts, snapshotsDir, io);

  const ciMode = !!io.env.CI && io.env.CI !== 'false';
  let runner: { runOnce: RunOnce };
  try {
    runner = createRunner(opts, config, cases, { promptsDir, rulesFile }, { ...io, ciMode });
  } catch (err) {
    io.err(`eval: ${(err as Error).message}\n`);
    return 2;
  }
  if (opts.compare) return compareVariants(opts, prompts.personas, runner.runOnce, io);

  const result = await runner.runOnce(null, null);
  result.prompts = prompts.check;
  io.out(`${formatSummary(result)}\n`);
  for (const c of prompts.check.snapshots) io.out(`\n${c.diff}`);
  const baselinePath = resolve(io.cwd, opts.baselineFile);
  const gated = gateRun(result, prompts.check, baselinePath, setup, io);
  if (typeof gated === 'number') return gated;
  if (opts.updateBaseline && !writeBaseline(result, baselinePath, opts, io)) return 2;
  const files = writeReports(result, resolve(io.cwd, opts.reportsDir), gated.lines, io.env);
  io.out(`Reports: ${files.map((f) => f.replace(`${io.cwd}/`, '')).join(', ')}\n`);
  return gated.code;
}

/** `--update-snapshots`: accept the rendered prompts as the new snapshots; no case runs. */
function acceptSnapshots(prompts: PromptGateResult, snapshotsDir: string, io: CliIo): number {
  const { written, removed } = writeSnapshots(prompts.rendered, snapshotsDir);
  const changed = prompts.check.snapshots.length;
  io.out(
    `Snapshots: ${changed ? `${changed} accepted` : 'unchanged'} in ${prompts.check.snapshotsDir}/ (${written.length} file(s)${removed.length ? `, removed ${removed.join(', ')}` : ''}). Commit them with the prompt change.\n`,
  );
  return 0;
}

/** The CI gate (baseline and prompt snapshots) or, outside CI, the snapshot notes. Returns the exit code and the gate's lines, or 2 on a bad baseline. */
function gateRun(
  result: SuiteResult,
  check: PromptCheck,
  baselinePath: string,
  { opts, config }: Setup,
  io: CliIo,
): { code: number; lines: string[] } | number {
  const lines: string[] = [];
  const snapshotLines = snapshotGateLines(check);
  if (!opts.ci) {
    if (snapshotLines.length) {
      lines.push(...snapshotLines);
      io.out(`\nPrompt snapshots:\n${snapshotLines.map((l) => `  ${l}`).join('\n')}\n`);
    }
    return { code: 0, lines };
  }
  let baseline: Baseline | null;
  try {
    baseline = existsSync(baselinePath) ? parseBaseline(readFileSync(baselinePath, 'utf8'), opts.baselineFile) : null;
  } catch (err) {
    io.err(`eval: ${(err as Error).message}\n`);
    return 2;
  }
  const complete = !opts.filter && !opts.tags.length;
  const verdict = gate(result, baseline, { tolerance: opts.tolerance ?? config.ci.tolerance, complete, failOnNew: opts.failOnNew });
  for (const w of verdict.warnings) io.err(`WARNING: ${w}\n`);
  lines.push(
    ...snapshotLines.map((l) => `REGRESSION: ${l}`),
    ...verdict.regressions.map((r) => `REGRESSION: ${r}`),
    ...verdict.warnings.map((w) => `WARNING: ${w}`),
    ...verdict.notes,
  );
  const ok = verdict.ok && snapshotLines.length === 0;
  io.out(
    `\nCI gate (${opts.baselineFile}, ${check.snapshotsDir}/): ${ok ? 'passed' : 'FAILED'}\n${lines.map((l) => `  ${l}`).join('\n')}${lines.length ? '\n' : ''}`,
  );
  return { code: ok ? 0 : 1, lines };
}

/** `--update-baseline`: only from a whole-suite, single run. Returns false (after saying why) otherwise. */
function writeBaseline(result: SuiteResult, baselinePath: string, opts: CliOptions, io: CliIo): boolean {
  if (opts.filter || opts.tags.length || opts.repeat > 1) {
    io.err('eval: --update-baseline needs the whole suite run once (no --filter, --tag or --repeat)\n');
    return false;
  }
  writeFileSync(baselinePath, `${JSON.stringify(baselineFrom(result), null, 2)}\n`);
  io.out(`Baseline written: ${opts.baselineFile} (${result.summary.passed}/${result.summary.cases} passing)\n`);
  return true;
}

function prepare(argv: readonly string[], io: CliIo): Setup | number {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (opts.compareReports) return { opts, config: EvalConfigSchema.parse({}), cases: [] };
    const configPath = resolve(io.cwd, opts.configFile);
    const config = existsSync(configPath) ? parseEvalConfig(readFileSync(configPath, 'utf8'), opts.configFile) : EvalConfigSchema.parse({});
    const match = idMatcher(opts.filter);
    const cases = loadCasesFromDir(opts.casesDir, io.cwd).filter(
      (c) => match(c.id) && (!opts.tags.length || opts.tags.some((t) => c.tags.includes(t))),
    );
    if (!cases.length) throw new Error('no case matches --filter/--tag');
    return { opts, config, cases };
  } catch (err) {
    io.err(`eval: ${err instanceof CaseFileError ? err.message : (err as Error).message}\n`);
    return 2;
  }
}

/** Lint or prompt-rule errors: the app would refuse these prompts, so no case runs. */
function promptErrors(check: PromptCheck, io: CliIo): number {
  const text = `Prompt check FAILED (${check.errors.length} error${check.errors.length === 1 ? '' : 's'}); no case was run:\n${check.errors.map((e) => `  ${e}`).join('\n')}\n`;
  io.out(text);
  if (io.env.GITHUB_STEP_SUMMARY)
    appendFileSync(io.env.GITHUB_STEP_SUMMARY, `## Tailor eval — prompt check failed\n\n${check.errors.map((e) => `- ${e}`).join('\n')}\n`);
  return 1;
}

async function compareVariants(
  opts: CliOptions,
  personas: ReadonlyArray<{ id: string; variants: string[] }>,
  runOnce: RunOnce,
  io: CliIo,
): Promise<number> {
  const { persona, variants } = opts.compare!;
  const p = personas.find((x) => x.id === persona);
  const problem = !p
    ? `--compare: no persona "${persona}"${didYouMean(
        persona,
        personas.map((x) => x.id),
      )}`
    : !p.variants.length
      ? `--compare: persona "${persona}" runs no experiment (it has no variants)`
      : variants
          .filter((v) => !p.variants.includes(v))
          .map(
            (v) => `--compare: persona "${persona}" has no variant "${v}"${didYouMean(v, p.variants)} (variants: ${p.variants.join(', ')})`,
          )[0];
  if (problem) {
    io.err(`eval: ${problem}\n`);
    return 2;
  }
  const a = await runOnce({ persona, variant: variants[0] }, `${persona}@${variants[0]}`);
  const b = await runOnce({ persona, variant: variants[1] }, `${persona}@${variants[1]}`);
  const comparison = compareResults(a, b, persona, variants);
  const text = formatComparison(comparison);
  io.out(text);
  const dir = resolve(io.cwd, opts.reportsDir);
  writeReports(a, join(dir, `compare-${variants[0]}`), [], {});
  writeReports(b, join(dir, `compare-${variants[1]}`), [], {});
  writeFileSync(join(dir, 'compare.md'), text);
  writeFileSync(join(dir, 'compare.json'), `${JSON.stringify(comparison, null, 2)}\n`);
  io.out(`Reports: ${join(opts.reportsDir, 'compare.md')} and compare-<variant>/eval.html\n`);
  // A comparison of runs that could not run is no comparison: errors are not outcomes.
  const errored = [...a.outcomes, ...b.outcomes].filter((o) => o.runs.some((r) => r.error)).length;
  if (errored) io.err(`eval: ${errored} case instance(s) errored instead of answering; the comparison is not valid\n`);
  return errored ? 1 : 0;
}

function compareReportFiles([before, after]: [string, string], io: CliIo): number {
  try {
    const a = readReport(resolve(io.cwd, before));
    const b = readReport(resolve(io.cwd, after));
    const c = compareRuns(a, b, [before, after]);
    io.out(c.text);
    if (a.model !== b.model) io.err(`WARNING: the reports come from different models (${a.model}, ${b.model})\n`);
    return 0;
  } catch (err) {
    io.err(`eval: ${(err as Error).message}\n`);
    return 2;
  }
}

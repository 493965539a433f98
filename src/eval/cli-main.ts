// `npm run eval`: load cases, run them through the real app, grade, report, and gate on the
// baseline. Returns the exit code instead of exiting, so tests drive it in-process.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { baselineFrom, gate, parseBaseline } from './baseline.js';
import { CaseFileError } from './case-loader.js';
import { compareResults, formatComparison } from './compare.js';
import { loadCasesFromDir, writeReports } from './files.js';
import type { GradeOptions } from './graders/index.js';
import { createOpenAIJudge } from './judge-openai.js';
import { createModel, type ModelEnv } from './models.js';
import { EvalConfigSchema, idMatcher, parseArgs, parseEvalConfig, USAGE, type CliOptions, type EvalConfig } from './options.js';
import type { Recorder } from './record.js';
import { createProgress, formatSummary } from './reporters/index.js';
import { createHarness } from './runner/harness.js';
import { countInstances, runSuite } from './runner/suite.js';
import type { EvalCase } from './case-schema.js';
import type { SuiteResult } from './types.js';

export interface CliIo {
  cwd: string;
  env: ModelEnv & { CI?: string; GITHUB_STEP_SUMMARY?: string; TAILOR_PROMPTS_DIR?: string; TAILOR_DATA_DIR?: string; EVAL_RECORDING_SOURCE?: string };
  out(text: string): void;
  err(text: string): void;
  tty: boolean;
}

export async function runEvalCli(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  let config: EvalConfig;
  let cases: EvalCase[];
  try {
    opts = parseArgs(argv);
    if (opts.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const configPath = resolve(io.cwd, opts.configFile);
    config = existsSync(configPath) ? parseEvalConfig(readFileSync(configPath, 'utf8'), opts.configFile) : EvalConfigSchema.parse({});
    const match = idMatcher(opts.filter);
    cases = loadCasesFromDir(opts.casesDir, io.cwd).filter((c) => match(c.id) && (!opts.tags.length || opts.tags.some((t) => c.tags.includes(t))));
    if (!cases.length) throw new Error('no case matches --filter/--tag');
  } catch (err) {
    io.err(`eval: ${err instanceof CaseFileError ? err.message : (err as Error).message}\n`);
    return 2;
  }

  const promptsDir = resolve(io.cwd, opts.promptsDir ?? io.env.TAILOR_PROMPTS_DIR ?? 'prompts');
  const rulesFile = resolve(io.cwd, opts.rulesFile ?? join(io.env.TAILOR_DATA_DIR ?? 'data', 'segments.yaml'));
  const now = Date.parse(config.now);
  const { provider, baseURL } = createModel(opts.model, io.env, { replay: opts.replay });
  const judge = opts.judge ? createOpenAIJudge(opts.judge, { apiKey: io.env.OPENAI_API_KEY, baseURL: io.env.OPENAI_BASE_URL }) : null;
  const grade: GradeOptions = { perkPhrases: config.perkPhrases, briefMaxChars: config.briefMaxChars, defaultBudgets: config.defaultBudgets, judge };
  // Record/replay attribute every model request to the case running now: one case at a time.
  const concurrency = opts.record || opts.replay ? 1 : (opts.concurrency ?? config.concurrency);
  const ciMode = !!io.env.CI && io.env.CI !== 'false';

  const runOnce = async (variant: { persona: string; variant: string } | null, label: string | null): Promise<SuiteResult> => {
    const harness = await createHarness({ promptsDir, rulesFile, now, provider, variant });
    let recorder: Recorder | null = null;
    try {
      if (opts.record || opts.replay) {
        // Loaded only here: importing nock patches Node's HTTP stack for the whole process.
        const { createRecorder } = await import('./record.js');
        recorder = createRecorder({
          mode: opts.record ? 'record' : 'replay',
          root: resolve(io.cwd, opts.recordingsDir),
          model: opts.model,
          baseURL: baseURL!,
          source: io.env.EVAL_RECORDING_SOURCE ?? `${opts.model} at ${baseURL}`,
        });
      }
      const total = countInstances(cases, harness.personaIds) * opts.repeat;
      const progress = createProgress({ total, tty: io.tty && !ciMode, out: { write: io.err } });
      const result = await runSuite(cases, {
        harness,
        model: opts.model,
        judgeName: opts.judge,
        grade,
        concurrency,
        repeat: opts.repeat,
        label,
        onRun: (r) => progress.tick(r),
        around: recorder ? (inst, run) => recorder!.around(inst, run) : undefined,
      });
      progress.done();
      return result;
    } finally {
      recorder?.close();
      harness.close();
    }
  };

  if (opts.compare) {
    const { persona, variants } = opts.compare;
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
    return 0;
  }

  const result = await runOnce(null, null);
  io.out(`${formatSummary(result)}\n`);
  const baselinePath = resolve(io.cwd, opts.baselineFile);
  let code = 0;
  const gateLines: string[] = [];
  if (opts.ci) {
    let baseline = null;
    try {
      baseline = existsSync(baselinePath) ? parseBaseline(readFileSync(baselinePath, 'utf8'), opts.baselineFile) : null;
    } catch (err) {
      io.err(`eval: ${(err as Error).message}\n`);
      return 2;
    }
    const complete = !opts.filter && !opts.tags.length;
    const verdict = gate(result, baseline, { tolerance: opts.tolerance ?? config.ci.tolerance, complete });
    gateLines.push(...verdict.regressions.map((r) => `REGRESSION: ${r}`), ...verdict.notes);
    io.out(`\nCI gate (${opts.baselineFile}): ${verdict.ok ? 'passed' : 'FAILED'}\n${gateLines.map((l) => `  ${l}`).join('\n')}${gateLines.length ? '\n' : ''}`);
    if (!verdict.ok) code = 1;
  }
  if (opts.updateBaseline) {
    if (opts.filter || opts.tags.length || opts.repeat > 1) {
      io.err('eval: --update-baseline needs the whole suite run once (no --filter, --tag or --repeat)\n');
      return 2;
    }
    writeFileSync(baselinePath, `${JSON.stringify(baselineFrom(result), null, 2)}\n`);
    io.out(`Baseline written: ${opts.baselineFile} (${result.summary.passed}/${result.summary.cases} passing)\n`);
  }
  const files = writeReports(result, resolve(io.cwd, opts.reportsDir), gateLines, io.env);
  io.out(`Reports: ${files.map((f) => f.replace(`${io.cwd}/`, '')).join(', ')}\n`);
  return code;
}

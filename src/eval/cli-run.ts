// One run of the suite for the CLI: the harness, the model (with record/replay or the response
// cache around it), progress, and the result. Shared by the normal run and --compare.
import { resolve } from 'node:path';
import type { EvalCase } from './case-schema.js';
import type { GradeOptions } from './graders/index.js';
import { createOpenAIJudge } from './judge-openai.js';
import { createModel, type ModelEnv } from './models.js';
import type { CliOptions, EvalConfig } from './options.js';
import type { Recorder } from './record.js';
import { createProgress } from './reporters/index.js';
import { createResponseCache, type ResponseCache } from './response-cache.js';
import { createHarness } from './runner/harness.js';
import { countInstances, runSuite } from './runner/suite.js';
import type { SuiteResult } from './types.js';

export interface RunEnv {
  cwd: string;
  env: ModelEnv & { EVAL_RECORDING_SOURCE?: string };
  err(text: string): void;
  tty: boolean;
  ciMode: boolean;
}

export type RunOnce = (variant: { persona: string; variant: string } | null, label: string | null) => Promise<SuiteResult>;

export function createRunner(
  opts: CliOptions,
  config: EvalConfig,
  cases: readonly EvalCase[],
  paths: { promptsDir: string; rulesFile: string },
  io: RunEnv,
): { runOnce: RunOnce; cache: ResponseCache | null } {
  const now = Date.parse(config.now);
  const cache = opts.cacheDir ? createResponseCache(resolve(io.cwd, opts.cacheDir)) : null;
  const { provider, baseURL } = createModel(opts.model, io.env, { replay: opts.replay, fetch: cache?.fetch });
  const judge = opts.judge ? createOpenAIJudge(opts.judge, { apiKey: io.env.OPENAI_API_KEY, baseURL: io.env.OPENAI_BASE_URL }) : null;
  const grade: GradeOptions = {
    perkPhrases: config.perkPhrases,
    briefMaxChars: config.briefMaxChars,
    defaultBudgets: config.defaultBudgets,
    judge,
  };
  // Record/replay attribute every model request to the case running now: one case at a time.
  const concurrency = opts.record || opts.replay ? 1 : (opts.concurrency ?? config.concurrency);

  const runOnce: RunOnce = async (variant, label) => {
    const harness = await createHarness({ promptsDir: paths.promptsDir, rulesFile: paths.rulesFile, now, provider, variant });
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
      const progress = createProgress({ total, tty: io.tty && !io.ciMode, out: { write: io.err } });
      const wrap = recorder ?? cache;
      const result = await runSuite(cases, {
        harness,
        model: opts.model,
        judgeName: opts.judge,
        grade,
        concurrency,
        repeat: opts.repeat,
        label,
        onRun: (r) => progress.tick(r),
        around: wrap ? (inst, run) => wrap.around(inst, run) : undefined,
      });
      progress.done();
      return result;
    } finally {
      recorder?.close();
      harness.close();
    }
  };
  return { runOnce, cache };
}

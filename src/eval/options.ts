// Command-line flags and evals/config.yaml, both validated; flags win over the file.
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const EvalConfigSchema = z.strictObject({
  /** The store's "now" for every run: dates in the demo store and in prompts are fixed, so runs and recordings are reproducible. */
  now: z.iso.datetime().default('2025-06-02T10:00:00Z'),
  concurrency: z.number().int().min(1).max(64).default(2),
  ci: z.strictObject({ tolerance: z.number().min(0).max(1).default(0.02) }).default({ tolerance: 0.02 }),
  defaultBudgets: z
    .strictObject({
      modelCalls: z.number().int().positive().optional(),
      tokens: z.number().int().positive().optional(),
      latencyMs: z.number().int().positive().optional(),
    })
    .default({ modelCalls: 6 }),
  briefMaxChars: z.number().int().positive().default(420),
  perkPhrases: z.array(z.string().min(3)).default(['free express shipping', 'early access', 'stylist pick', 'priority']),
});
export type EvalConfig = z.infer<typeof EvalConfigSchema>;

export function parseEvalConfig(text: string, file: string): EvalConfig {
  const parsed = EvalConfigSchema.safeParse(parseYaml(text) ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return parsed.data;
}

export interface CliOptions {
  model: string;
  judge: string | null;
  filter: string | null;
  tags: string[];
  concurrency: number | null;
  repeat: number;
  compare: { persona: string; variants: [string, string] } | null;
  /** Two report files (eval.json) to compare, before and after. */
  compareReports: [string, string] | null;
  ci: boolean;
  failOnNew: boolean;
  updateSnapshots: boolean;
  snapshotsDir: string;
  /** Response cache folder for a real model (null: no cache). */
  cacheDir: string | null;
  updateBaseline: boolean;
  record: boolean;
  replay: boolean;
  tolerance: number | null;
  casesDir: string;
  reportsDir: string;
  baselineFile: string;
  configFile: string;
  recordingsDir: string;
  promptsDir: string | null;
  rulesFile: string | null;
  help: boolean;
}

export const USAGE = `Usage: npm run eval -- [options]
  --model <offline|openai:NAME>   model under test (default offline)
  --judge openai:NAME             LLM judge for rubric checks (default none: judge checks are skipped)
  --filter <text|/regex/>         only cases whose id matches
  --tag <tag>[,<tag>]             only cases with one of these tags (repeatable)
  --concurrency <n>               cases in flight (default from evals/config.yaml)
  --repeat <k>                    run each case k times; a case passes only if all k pass (pass^k)
  --compare <persona>@<A>,<B>     run both variants of a persona's experiment side by side
  --compare-reports <a.json>,<b.json>  compare two earlier runs' reports (eval.json), no run
  --ci                            exit non-zero on a regression against evals/baseline.json or a
                                  rendered prompt that differs from evals/snapshots/
  --fail-on-new                   under --ci, a new case (not in the baseline) that fails is a regression
  --update-baseline               rewrite evals/baseline.json from this run
  --update-snapshots              accept the rendered prompts: rewrite evals/snapshots/ and exit (no run)
  --cache <dir>                   real models: reuse responses keyed by the exact request (and repetition)
  --tolerance <0..1>              allowed drop of a persona's score under --ci
  --record | --replay             record model HTTP exchanges to / replay them from evals/recordings/<model>/
  --prompts <dir> --rules <file>  persona files and segment rules to evaluate (default prompts/, data/segments.yaml)
  --cases <dir> --reports <dir> --baseline <file> --config <file> --recordings <dir> --snapshots <dir>
Without --ci the exit code is 0 whatever the scores; reports go to reports/ (eval.html, .json, .junit.xml, .md).`;

/** The flags, as node:util parseArgs declares them; `--tag` may repeat. */
const FLAGS = {
  model: { type: 'string' },
  judge: { type: 'string' },
  filter: { type: 'string' },
  tag: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  repeat: { type: 'string' },
  compare: { type: 'string' },
  'compare-reports': { type: 'string' },
  ci: { type: 'boolean' },
  'fail-on-new': { type: 'boolean' },
  'update-snapshots': { type: 'boolean' },
  snapshots: { type: 'string' },
  cache: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  record: { type: 'boolean' },
  replay: { type: 'boolean' },
  tolerance: { type: 'string' },
  cases: { type: 'string' },
  reports: { type: 'string' },
  baseline: { type: 'string' },
  config: { type: 'string' },
  recordings: { type: 'string' },
  prompts: { type: 'string' },
  rules: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;
type Flag = keyof typeof FLAGS;

const DEFAULTS: CliOptions = {
  model: 'offline',
  judge: null,
  filter: null,
  tags: [],
  concurrency: null,
  repeat: 1,
  compare: null,
  compareReports: null,
  ci: false,
  failOnNew: false,
  updateSnapshots: false,
  snapshotsDir: 'evals/snapshots',
  cacheDir: null,
  updateBaseline: false,
  record: false,
  replay: false,
  tolerance: null,
  casesDir: 'evals/cases',
  reportsDir: 'reports',
  baselineFile: 'evals/baseline.json',
  configFile: 'evals/config.yaml',
  recordingsDir: 'evals/recordings',
  promptsDir: null,
  rulesFile: null,
  help: false,
};

const wholeNumber = (flag: string, raw: string, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};
const modelSpec = (flag: string, v: string) => {
  if (!/^(offline|openai:.+)$/.test(v)) throw new Error(`${flag} must be "offline" or "openai:<model>", got "${v}"`);
  return v;
};
const compareSpec = (v: string): CliOptions['compare'] => {
  const m = /^([a-z0-9_-]+)@([a-z0-9_-]+),([a-z0-9_-]+)$/.exec(v);
  if (!m) throw new Error(`--compare must look like persona@variantA,variantB, got "${v}"`);
  return { persona: m[1]!, variants: [m[2]!, m[3]!] };
};
const reportPair = (v: string): [string, string] => {
  const files = v.split(',');
  if (files.length !== 2 || files.some((f) => !f.trim()))
    throw new Error(`--compare-reports needs two report files: before.json,after.json`);
  return [files[0]!.trim(), files[1]!.trim()];
};
const toleranceOf = (v: string) => {
  const t = Number(v);
  if (!(t >= 0 && t <= 1)) throw new Error('--tolerance must be between 0 and 1');
  return t;
};

/** What each flag does to the options; `v` is its value (string flags only). */
const APPLY: Record<Flag, (o: CliOptions, v: string) => void> = {
  model: (o, v) => void (o.model = modelSpec('--model', v)),
  judge: (o, v) => void (o.judge = modelSpec('--judge', v)),
  filter: (o, v) => void (o.filter = v),
  tag: (o, v) =>
    void o.tags.push(
      ...v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  concurrency: (o, v) => void (o.concurrency = wholeNumber('--concurrency', v, 1)),
  repeat: (o, v) => void (o.repeat = wholeNumber('--repeat', v, 1)),
  compare: (o, v) => void (o.compare = compareSpec(v)),
  'compare-reports': (o, v) => void (o.compareReports = reportPair(v)),
  ci: (o) => void (o.ci = true),
  'fail-on-new': (o) => void (o.failOnNew = true),
  'update-snapshots': (o) => void (o.updateSnapshots = true),
  snapshots: (o, v) => void (o.snapshotsDir = v),
  cache: (o, v) => void (o.cacheDir = v),
  'update-baseline': (o) => void (o.updateBaseline = true),
  record: (o) => void (o.record = true),
  replay: (o) => void (o.replay = true),
  tolerance: (o, v) => void (o.tolerance = toleranceOf(v)),
  cases: (o, v) => void (o.casesDir = v),
  reports: (o, v) => void (o.reportsDir = v),
  baseline: (o, v) => void (o.baselineFile = v),
  config: (o, v) => void (o.configFile = v),
  recordings: (o, v) => void (o.recordingsDir = v),
  prompts: (o, v) => void (o.promptsDir = v),
  rules: (o, v) => void (o.rulesFile = v),
  help: (o) => void (o.help = true),
};

const isFlag = (name: string): name is Flag => Object.hasOwn(FLAGS, name);

/**
 * node:util parseArgs splits the command line (`--flag value`, `--flag=value`, `-h`); the flags
 * apply in order, so the last of a repeated flag wins (and `--tag` adds up). Lenient mode, so the
 * errors stay this CLI's own: a value that is another flag is a missing value.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { ...DEFAULTS, tags: [] };
  const { tokens } = parseArgv({ args: [...argv], options: FLAGS, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'option-terminator') throw new Error(`unknown option --\n${USAGE}`);
    if (t.kind === 'positional') throw new Error(`unknown option ${t.value}\n${USAGE}`);
    if (!isFlag(t.name)) throw new Error(`unknown option ${t.rawName}\n${USAGE}`);
    const flag = `--${t.name}`;
    if (FLAGS[t.name].type === 'boolean') {
      // `--ci=yes`: the value is not a flag this CLI knows.
      if (t.value !== undefined) throw new Error(`unknown option ${t.value}\n${USAGE}`);
      APPLY[t.name](o, '');
      continue;
    }
    if (t.value === undefined || t.value.startsWith('--')) throw new Error(`${flag} needs a value`);
    APPLY[t.name](o, t.value);
  }
  return checkCombinations(o);
}

function checkCombinations(o: CliOptions): CliOptions {
  if (o.record && o.replay) throw new Error('--record and --replay exclude each other');
  if ((o.record || o.replay) && o.model === 'offline')
    throw new Error('--record/--replay need a model that talks HTTP: add --model openai:<name>');
  if (o.compare && o.updateBaseline) throw new Error('--compare does not update the baseline');
  if (o.compare && o.compare.variants[0] === o.compare.variants[1])
    throw new Error(`--compare needs two different variants, got "${o.compare.variants[0]}" twice`);
  if (o.cacheDir && o.model === 'offline')
    throw new Error('--cache is for a real model (--model openai:<name>); the offline model needs none');
  if (o.cacheDir && (o.record || o.replay)) throw new Error('--cache and --record/--replay exclude each other');
  return o;
}

/** --filter: a plain substring of the case id, or a /regex/. */
export function idMatcher(filter: string | null): (id: string) => boolean {
  if (!filter) return () => true;
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (m) {
    const re = new RegExp(m[1]!, m[2]);
    return (id) => re.test(id);
  }
  return (id) => id.includes(filter);
}

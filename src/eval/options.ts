// Command-line flags and evals/config.yaml, both validated; flags win over the file.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const EvalConfigSchema = z.strictObject({
  /** The store's "now" for every run: dates in the demo store and in prompts are fixed, so runs and recordings are reproducible. */
  now: z.iso.datetime().default('2025-06-02T10:00:00Z'),
  concurrency: z.number().int().min(1).max(64).default(2),
  ci: z.strictObject({ tolerance: z.number().min(0).max(1).default(0.02) }).default({ tolerance: 0.02 }),
  defaultBudgets: z
    .strictObject({ modelCalls: z.number().int().positive().optional(), tokens: z.number().int().positive().optional(), latencyMs: z.number().int().positive().optional() })
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

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
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
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const int = (flag: string, min: number) => {
    const raw = value(flag);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
  const modelSpec = (flag: string) => {
    const v = value(flag);
    if (!/^(offline|openai:.+)$/.test(v)) throw new Error(`${flag} must be "offline" or "openai:<model>", got "${v}"`);
    return v;
  };
  while (args.length) {
    const raw = args.shift()!;
    const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    if (inline !== undefined) args.unshift(inline);
    switch (flag) {
      case '--model': o.model = modelSpec(flag); break;
      case '--judge': o.judge = modelSpec(flag); break;
      case '--filter': o.filter = value(flag); break;
      case '--tag': o.tags.push(...value(flag).split(',').map((t) => t.trim()).filter(Boolean)); break;
      case '--concurrency': o.concurrency = int(flag, 1); break;
      case '--repeat': o.repeat = int(flag, 1); break;
      case '--compare': {
        const v = value(flag);
        const m = /^([a-z0-9_-]+)@([a-z0-9_-]+),([a-z0-9_-]+)$/.exec(v);
        if (!m) throw new Error(`--compare must look like persona@variantA,variantB, got "${v}"`);
        o.compare = { persona: m[1]!, variants: [m[2]!, m[3]!] };
        break;
      }
      case '--compare-reports': {
        const v = value(flag).split(',');
        if (v.length !== 2 || v.some((f) => !f.trim())) throw new Error(`--compare-reports needs two report files: before.json,after.json`);
        o.compareReports = [v[0]!.trim(), v[1]!.trim()];
        break;
      }
      case '--ci': o.ci = true; break;
      case '--fail-on-new': o.failOnNew = true; break;
      case '--update-snapshots': o.updateSnapshots = true; break;
      case '--snapshots': o.snapshotsDir = value(flag); break;
      case '--cache': o.cacheDir = value(flag); break;
      case '--update-baseline': o.updateBaseline = true; break;
      case '--record': o.record = true; break;
      case '--replay': o.replay = true; break;
      case '--tolerance': {
        const t = Number(value(flag));
        if (!(t >= 0 && t <= 1)) throw new Error('--tolerance must be between 0 and 1');
        o.tolerance = t;
        break;
      }
      case '--cases': o.casesDir = value(flag); break;
      case '--reports': o.reportsDir = value(flag); break;
      case '--baseline': o.baselineFile = value(flag); break;
      case '--config': o.configFile = value(flag); break;
      case '--recordings': o.recordingsDir = value(flag); break;
      case '--prompts': o.promptsDir = value(flag); break;
      case '--rules': o.rulesFile = value(flag); break;
      case '--help': case '-h': o.help = true; break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (o.record && o.replay) throw new Error('--record and --replay exclude each other');
  if ((o.record || o.replay) && o.model === 'offline') throw new Error('--record/--replay need a model that talks HTTP: add --model openai:<name>');
  if (o.compare && o.updateBaseline) throw new Error('--compare does not update the baseline');
  if (o.compare && o.compare.variants[0] === o.compare.variants[1]) throw new Error(`--compare needs two different variants, got "${o.compare.variants[0]}" twice`);
  if (o.cacheDir && o.model === 'offline') throw new Error('--cache is for a real model (--model openai:<name>); the offline model needs none');
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

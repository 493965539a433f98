// `npm run nlu:train`: trains the intent classifier from data/nlu/train, writes data/nlu/model.json,
// then prints the cross-validated accuracy (training corpus only) and, when data/nlu/test exists,
// the held-out accuracy per intent. `--tune` searches hyper-parameters by cross-validation instead.
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ACT_MAX_BYTES,
  FOLLOW_MAX_BYTES,
  PART_MAX_BYTES,
  REPLY_MAX_BYTES,
  SCOPE_MAX_BYTES,
  conflictingTexts,
  DEFAULT_HYPER,
  serializeArtifact,
  trainHead,
  type ModelArtifact,
  type ModelHead,
  type HeadClassifier,
  DEFAULT_SEARCH,
  evaluate,
  loadClassifier,
  loadCorpusDir,
  NLU_PATHS,
  readIntentLabels,
  trainModel,
  tune,
  writeArtifact,
  type Corpus,
  type Hyper,
  type IntentClassifier,
} from '../agent/node.js';
import { runCli } from './run.js';

const USAGE = `usage: npm run nlu:train -- [--folds <n>] [--tune] [--corpus <dir>] [--test <dir>] [--acts <dir>] [--acts-test <dir>] [--follow <dir>] [--follow-test <dir>] [--reply <dir>] [--reply-test <dir>] [--parts <dir>] [--parts-test <dir>] [--scope <dir>] [--scope-test <dir>] [--out <file>]
  Trains the intent classifier from data/nlu/train/<intent>.txt, the act head (ask, hypothetical,
  told…) from data/nlu/acts/train/<act>.txt, the follow head from data/nlu/follow/train/<label>.txt and
  the reply head from data/nlu/reply/train/<label>.txt over the same features, and writes them to data/nlu/model.json.
  --folds <n>   cross-validation folds for the CV figure and calibration (default 5, 0 to skip)
  --tune        search hyper-parameters by cross-validation on the training corpus; writes nothing
  --corpus, --test, --out   other locations (defaults under data/nlu/)
  --acts, --acts-test       the act corpus and its test set (defaults under data/nlu/acts/ when --corpus
                is not given; with --corpus, no act head unless --acts names one)
  --follow, --follow-test   the follow head's corpus and test set (what a follow-up asks about: order_fact,
                money, continue…; defaults under data/nlu/follow/ likewise)
  --reply, --reply-test     the reply head's corpus and test set (what a message does with a proposal waiting:
                yes, no, change, about, other; defaults under data/nlu/reply/ likewise)
  --parts, --parts-test     the part head's corpus and test set (which part of a policy a follow-up asks: window,
                cost… express, tracking, none; defaults under data/nlu/policy-parts/ likewise)
  --scope, --scope-test     the scope head's corpus and test set (how much of something a message means: adds,
                replaces, all, part, one, none; defaults under data/nlu/scope/ likewise)`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const show = (p: string) => relative(process.cwd(), p) || p;

function warnCorpus(corpus: Corpus, missing: readonly string[]): void {
  if (missing.length) console.warn(`warning: no training examples for ${missing.join(', ')}: the model cannot predict them`);
  const conflicts = conflictingTexts(corpus);
  if (conflicts.length) {
    console.warn(`warning: ${conflicts.length} utterance(s) appear under more than one intent:`);
    for (const c of conflicts.slice(0, 10)) console.warn(`  "${c.text}" in ${c.labels.join(', ')}`);
  }
}

function runTune(corpus: Corpus, folds: number): number {
  console.log(`tuning by ${folds}-fold cross-validation on the training corpus (the test set is not used)`);
  const { best, accuracy } = tune(corpus, DEFAULT_HYPER, DEFAULT_SEARCH, folds, (s) => {
    console.log(`  ${s.changed.padEnd(24)} accuracy ${pct(s.accuracy)}  macro-F1 ${pct(s.macroF1)}  (${secs(s.ms)})`);
  });
  const changes = (Object.keys(best) as Array<keyof Hyper>).filter((k) => best[k] !== DEFAULT_HYPER[k]).map((k) => `${k}: ${best[k]}`);
  console.log(
    `\nbest CV accuracy ${pct(accuracy)}; change DEFAULT_HYPER in src/agent/offline/nlu/hyper.ts: ${changes.join(', ') || 'nothing'}`,
  );
  return 0;
}

function printTest(dir: string, labels: readonly string[], model: IntentClassifier): void {
  const test = loadCorpusDir(dir, labels);
  if (!test) {
    console.log(`test set: ${show(dir)} not found, skipped`);
    return;
  }
  const e = evaluate(model, test.corpus.examples);
  console.log(`\ntest set (${show(dir)}, ${e.total} utterances, never trained or tuned on):`);
  console.log(`  ${'intent'.padEnd(18)} ${'n'.padStart(4)}  accuracy`);
  for (const m of e.perLabel.filter((x) => x.support > 0))
    console.log(`  ${m.label.padEnd(18)} ${String(m.support).padStart(4)}  ${pct(m.recall)}`);
  console.log(`  ${'overall'.padEnd(18)} ${String(e.total).padStart(4)}  ${pct(e.accuracy)}`);
}

/** A second head (the act head, the follow head) over the intent model's features: its own labels file, corpus and size budget. */
interface HeadSpec {
  name: 'act' | 'follow' | 'reply' | 'part' | 'scope';
  /** How the output names its corpus and labels ("acts: …, 15 utterances over 3 acts"). */
  corpusName: string;
  labelName: string;
  labelsFile: string;
  /** What a label of this head is, for errors ("an act in acts/acts.yaml"). */
  kind: string;
  maxBytes: number;
  /** Its corpus flag (`--acts`, `--follow`…; `--<flag>-test` for its test set) and default folders. */
  flag: 'acts' | 'follow' | 'reply' | 'parts' | 'scope';
  train: string;
  test: string;
  /** Trained by default only where its folder exists (a tree without it trains without the head). */
  optional: boolean;
}
const ACT_SPEC: HeadSpec = {
  name: 'act',
  corpusName: 'acts',
  labelName: 'acts',
  labelsFile: NLU_PATHS.acts,
  kind: 'an act in acts/acts.yaml',
  maxBytes: ACT_MAX_BYTES,
  flag: 'acts',
  train: NLU_PATHS.actsTrain,
  test: NLU_PATHS.actsTest,
  optional: false,
};
const FOLLOW_SPEC: HeadSpec = {
  name: 'follow',
  corpusName: 'follow-ups',
  labelName: 'labels',
  labelsFile: NLU_PATHS.follow,
  kind: 'a label in follow/labels.yaml',
  maxBytes: FOLLOW_MAX_BYTES,
  flag: 'follow',
  train: NLU_PATHS.followTrain,
  test: NLU_PATHS.followTest,
  optional: false,
};

const REPLY_SPEC: HeadSpec = {
  name: 'reply',
  corpusName: 'replies',
  labelName: 'labels',
  labelsFile: NLU_PATHS.reply,
  kind: 'a label in reply/labels.yaml',
  maxBytes: REPLY_MAX_BYTES,
  flag: 'reply',
  train: NLU_PATHS.replyTrain,
  test: NLU_PATHS.replyTest,
  optional: true,
};

const PART_SPEC: HeadSpec = {
  name: 'part',
  corpusName: 'policy parts',
  labelName: 'parts',
  labelsFile: NLU_PATHS.parts,
  kind: 'a part in policy-parts/labels.yaml',
  maxBytes: PART_MAX_BYTES,
  flag: 'parts',
  train: NLU_PATHS.partsTrain,
  test: NLU_PATHS.partsTest,
  optional: true,
};
const SCOPE_SPEC: HeadSpec = {
  name: 'scope',
  corpusName: 'scopes',
  labelName: 'scopes',
  labelsFile: NLU_PATHS.scope,
  kind: 'a scope in scope/labels.yaml',
  maxBytes: SCOPE_MAX_BYTES,
  flag: 'scope',
  train: NLU_PATHS.scopeTrain,
  test: NLU_PATHS.scopeTest,
  optional: true,
};
const HEADS = [ACT_SPEC, FOLLOW_SPEC, REPLY_SPEC, PART_SPEC, SCOPE_SPEC];

type Flags = Partial<Record<string, string | boolean>>;
/** The head's corpus folder: its flag's, else its default unless another intent corpus was given (or an optional head's is missing). */
function headDir(spec: HeadSpec, values: Flags): string | undefined {
  const given = values[spec.flag];
  if (typeof given === 'string') return given;
  return values.corpus || (spec.optional && !existsSync(spec.train)) ? undefined : spec.train;
}
/** Its test folder: its flag's, else the default one when its corpus is the default one. */
function headTestDir(spec: HeadSpec, values: Flags): string | undefined {
  const given = values[`${spec.flag}-test`];
  return typeof given === 'string' ? given : values[spec.flag] ? undefined : spec.test;
}

/** The head trained from `dir` over the intent model's features and vocabulary. */
function trainSecond(spec: HeadSpec, artifact: ModelArtifact, dir: string, folds: number): ModelHead {
  const labels = readIntentLabels(spec.labelsFile);
  const loaded = loadCorpusDir(dir, labels, spec.kind);
  if (!loaded) throw new Error(`No ${spec.name} corpus at ${show(dir)} (one <label>.txt per label in ${show(spec.labelsFile)}).`);
  const { corpus, sha256, missing } = loaded;
  console.log(
    `\n${spec.corpusName}: ${show(dir)}, ${corpus.examples.length} utterances over ${corpus.labels.length} ${spec.labelName} (sha256 ${sha256.slice(0, 12)}…)`,
  );
  warnCorpus(corpus, missing);
  const hyper = { ...artifact.hyper, maxBytes: spec.maxBytes };
  const r = trainHead(corpus, { corpusSha256: sha256, hyper, folds, vocabulary: artifact.vocabulary });
  if (r.cv)
    console.log(
      `${spec.name} head cross-validation (${r.cv.folds}-fold): accuracy ${pct(r.cv.accuracy)}, macro-F1 ${pct(r.cv.evaluation.macroF1)}, temperature ${r.head.calibration.temperature} (${secs(r.cv.ms)})`,
    );
  console.log(
    `${spec.name} head: ${r.head.rows.length} features, ${r.head.pruning.weights} weights (pruned below ${r.head.pruning.threshold})`,
  );
  return r.head;
}

function printHeadTest(spec: HeadSpec, dir: string | undefined, head: HeadClassifier | null): void {
  const test = dir && head ? loadCorpusDir(dir, head.labels, spec.kind) : null;
  if (!test || !head) return;
  const e = evaluate(head, test.corpus.examples);
  console.log(`\n${spec.name} test set (${show(dir!)}, ${e.total} utterances, never trained on):`);
  for (const m of e.perLabel.filter((x) => x.support > 0))
    console.log(`  ${m.label.padEnd(18)} ${String(m.support).padStart(4)}  ${pct(m.recall)}`);
  console.log(`  ${'overall'.padEnd(18)} ${String(e.total).padStart(4)}  ${pct(e.accuracy)}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string' },
      tune: { type: 'boolean' },
      corpus: { type: 'string' },
      test: { type: 'string' },
      out: { type: 'string' },
      acts: { type: 'string' },
      'acts-test': { type: 'string' },
      follow: { type: 'string' },
      'follow-test': { type: 'string' },
      reply: { type: 'string' },
      'reply-test': { type: 'string' },
      parts: { type: 'string' },
      'parts-test': { type: 'string' },
      scope: { type: 'string' },
      'scope-test': { type: 'string' },
    },
  });
  const t0 = performance.now();
  const folds = values.folds === undefined ? 5 : Number(values.folds);
  if (!Number.isInteger(folds) || folds < 0 || folds === 1) throw new Error(`--folds must be 0 or an integer ≥ 2, not ${values.folds}`);
  const labels = readIntentLabels();
  const dir = values.corpus ?? NLU_PATHS.train;
  const loaded = loadCorpusDir(dir, labels);
  if (!loaded) {
    console.error(`No training corpus at ${show(dir)} (one <intent>.txt per intent in ${show(NLU_PATHS.intents)}).`);
    return 1;
  }
  const { corpus, sha256, missing } = loaded;
  console.log(
    `corpus: ${show(dir)}, ${corpus.examples.length} utterances over ${corpus.labels.length} intents (sha256 ${sha256.slice(0, 12)}…)`,
  );
  warnCorpus(corpus, missing);
  if (values.tune) return runTune(corpus, folds || 5);

  const result = trainModel(corpus, { corpusSha256: sha256, folds });
  if (result.cv)
    console.log(
      `cross-validation (${result.cv.folds}-fold, training corpus): accuracy ${pct(result.cv.accuracy)}, macro-F1 ${pct(result.cv.evaluation.macroF1)}, temperature ${result.artifact.calibration.temperature} (${secs(result.cv.ms)})`,
    );
  const heads = HEADS.flatMap((spec) => {
    const at = headDir(spec, values);
    return at ? [{ spec, head: trainSecond(spec, result.artifact, at, folds) }] : [];
  });
  const text = heads.length
    ? serializeArtifact({ ...result.artifact, ...Object.fromEntries(heads.map(({ spec, head }) => [spec.name, head])) })
    : result.text;
  const out = values.out ?? NLU_PATHS.model;
  writeArtifact(text, out);
  // Scored as it will be loaded: from the text just written.
  const model = loadClassifier(JSON.parse(text));
  console.log(
    `trained in ${secs(result.trainMs)}: ${model.info.features} features, ${model.info.weights} weights (pruned below ${result.artifact.pruning.threshold}) → ${show(out)} (${(statSync(out).size / 1e6).toFixed(2)} MB)`,
  );
  printTest(values.test ?? NLU_PATHS.test, labels, model);
  for (const { spec } of heads) printHeadTest(spec, headTestDir(spec, values), model[spec.name]);
  console.log(`\ntotal ${secs(performance.now() - t0)}`);
  return 0;
}

runCli('nlu:train', main, USAGE);

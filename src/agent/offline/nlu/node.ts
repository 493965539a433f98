// Node-only: the corpus, label list and artifact on disk (the training CLIs and tests). The
// prediction path never imports this file, so it stays free of node: modules for workerd.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, type Corpus } from './corpus.js';

/** data/nlu in this repository, wherever the process was started from. */
export const NLU_DIR = fileURLToPath(new URL('../../../../data/nlu/', import.meta.url));

export const NLU_PATHS = {
  intents: join(NLU_DIR, 'intents.yaml'),
  train: join(NLU_DIR, 'train'),
  test: join(NLU_DIR, 'test'),
  model: join(NLU_DIR, 'model.json'),
  /** The act head's labels (acts.yaml), corpus and independent test set. */
  acts: join(NLU_DIR, 'acts', 'acts.yaml'),
  actsTrain: join(NLU_DIR, 'acts', 'train'),
  actsTest: join(NLU_DIR, 'acts', 'test'),
  /** The follow head's labels (labels.yaml), corpus and independent test set. */
  follow: join(NLU_DIR, 'follow', 'labels.yaml'),
  followTrain: join(NLU_DIR, 'follow', 'train'),
  followTest: join(NLU_DIR, 'follow', 'test'),
  /** The reply head's labels (labels.yaml), corpus and independent test set. */
  reply: join(NLU_DIR, 'reply', 'labels.yaml'),
  replyTrain: join(NLU_DIR, 'reply', 'train'),
  replyTest: join(NLU_DIR, 'reply', 'test'),
  /** The part head's labels (labels.yaml), corpus and independent test set: which part of a policy a follow-up asks. */
  parts: join(NLU_DIR, 'policy-parts', 'labels.yaml'),
  partsTrain: join(NLU_DIR, 'policy-parts', 'train'),
  partsTest: join(NLU_DIR, 'policy-parts', 'test'),
  /** The scope head's labels (labels.yaml), corpus and independent test set: how much of something a message means. */
  scope: join(NLU_DIR, 'scope', 'labels.yaml'),
  scopeTrain: join(NLU_DIR, 'scope', 'train'),
  scopeTest: join(NLU_DIR, 'scope', 'test'),
};

/**
 * The intent labels, in intents.yaml's order: every unindented `label:` line. Read line by line, not
 * as YAML, because the descriptions are free prose ("Changing the cart: another size…") that a
 * strict YAML parser rejects, and only the keys matter here.
 */
export function readIntentLabels(file = NLU_PATHS.intents): string[] {
  const labels = readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => /^([a-z][a-z0-9_]*):(?:\s|$)/.exec(line)?.[1] ?? []);
  if (labels.length === 0) throw new Error(`${file}: no intents found (expected lines like "greeting: A hello…")`);
  return labels;
}

/** `<intent>.txt` files of a corpus folder by intent, or null when the folder does not exist. */
export function readCorpusFiles(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort())
    files[basename(name, '.txt')] = readFileSync(join(dir, name), 'utf8');
  return files;
}

/**
 * SHA-256 over the corpus files exactly as they are (names and bytes, sorted by name): any edit,
 * even to a comment, means the artifact must be rebuilt, which is cheap and leaves no doubt.
 */
export function corpusSha256(files: Readonly<Record<string, string>>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(files).sort()) h.update(`${name}.txt\u0000${files[name]}\u0000`);
  return h.digest('hex');
}

export interface CorpusOnDisk {
  corpus: Corpus;
  sha256: string;
  /** Labels in intents.yaml with no examples in this folder. */
  missing: string[];
}

/** A corpus folder checked against the label list: a file for an unknown intent is an error. */
export function loadCorpusDir(dir: string, labels: readonly string[], kind = 'an intent in intents.yaml'): CorpusOnDisk | null {
  const files = readCorpusFiles(dir);
  if (!files) return null;
  const unknown = Object.keys(files).filter((l) => !labels.includes(l));
  if (unknown.length) throw new Error(`${dir}: ${unknown.map((l) => `${l}.txt`).join(', ')} not ${kind}`);
  const corpus = buildCorpus(files, labels);
  return { corpus, sha256: corpusSha256(files), missing: labels.filter((l) => !corpus.labels.includes(l)) };
}

export function writeArtifact(text: string, file = NLU_PATHS.model): void {
  writeFileSync(file, text);
}

// The training surface, re-exported here rather than from index.ts: index.ts loads the checked-in
// model, and a broken or missing model.json must never stop `npm run nlu:train` from rebuilding it.
export { buildCorpus, conflictingTexts, parseCorpusText, stratifiedFolds, type Corpus, type LabelledText } from './corpus.js';
export { trainHead, trainModel, type HeadOptions, type HeadResult, type TrainOptions, type TrainResult } from './fit.js';
export { crossValidate, type CvResult } from './cross-validate.js';
export { evaluate, scoreItems, type Evaluation } from './evaluate.js';
export { renderReport, type ReportOptions } from './report.js';
export { loadClassifier, type HeadClassifier, type IntentClassifier } from './classifier.js';
export {
  ACT_MAX_BYTES,
  FOLLOW_MAX_BYTES,
  PART_MAX_BYTES,
  REPLY_MAX_BYTES,
  SCOPE_MAX_BYTES,
  DEFAULT_HYPER,
  hyperSchema,
  type Hyper,
} from './hyper.js';
export { artifactSchema, serializeArtifact, type ModelArtifact, type ModelHead } from './artifact.js';
export { tune, DEFAULT_SEARCH, type SearchSpace, type TuneStep } from './tune.js';

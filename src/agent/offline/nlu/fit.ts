// The whole training run behind `npm run nlu:train`: cross-validate (for the CV figure and the
// softmax temperature), train on the full corpus, prune into the artifact. Deterministic: the same
// corpus and hyper-parameters give byte-identical artifact text.
import { serializeArtifact, toArtifact, toHead, type ModelArtifact, type ModelHead } from './artifact.js';
import type { Corpus } from './corpus.js';
import { crossValidate, type CvResult } from './cross-validate.js';
import { DEFAULT_HYPER, hyperSchema, type Hyper } from './hyper.js';
import { featurizer } from './classifier.js';
import { tokenize } from './text.js';
import { trainDense, type FeatureCache } from './train.js';

/** Every word of the corpus with its count, as the artifact stores it ("word count …", by word). */
export function corpusVocabulary(corpus: Corpus): string {
  const counts = new Map<string, number>();
  for (const e of corpus.examples) for (const t of tokenize(e.text)) if (/^[a-z]+$/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.keys()]
    .sort()
    .map((w) => `${w} ${counts.get(w)}`)
    .join(' ');
}

export interface TrainOptions {
  /** SHA-256 of the corpus files (see corpusSha256 in node.ts); recorded in the artifact. */
  corpusSha256: string;
  hyper?: Partial<Hyper>;
  /** Cross-validation folds; 0 skips it (temperature 1, no CV figure). Default 5. */
  folds?: number;
}

export interface TrainResult {
  artifact: ModelArtifact;
  /** The artifact as it is written to disk. */
  text: string;
  cv: CvResult | null;
  /** Time for the final fit and pruning alone (cross-validation is in cv.ms). */
  trainMs: number;
}

export function trainModel(corpus: Corpus, options: TrainOptions): TrainResult {
  const hyper = hyperSchema().parse({ ...DEFAULT_HYPER, ...options.hyper });
  if (corpus.labels.length < 2) throw new Error(`NLU corpus: need at least two intents with examples, found ${corpus.labels.length}`);
  const cache: FeatureCache = new Map();
  const t0 = performance.now();
  const dense = trainDense(corpus, hyper, cache);
  const perLabel: Record<string, number> = {};
  for (const l of corpus.labels) perLabel[l] = corpus.examples.filter((e) => e.label === l).length;
  const meta = { hyper, sha256: options.corpusSha256, perLabel, temperature: 1, cv: null, vocabulary: corpusVocabulary(corpus) };
  const draft = toArtifact(dense, meta);
  const trainMs = performance.now() - t0;
  const folds = options.folds ?? 5;
  if (folds < 2) return { artifact: draft, text: serializeArtifact(draft), cv: null, trainMs };
  // Cross-validated at the pruning the full model needed, so the figure is the shipped model's.
  const cv = crossValidate(corpus, { ...hyper, prune: draft.pruning.threshold }, folds, cache);
  const artifact = {
    ...draft,
    calibration: { temperature: Number(cv.temperature.toPrecision(hyper.digits)) },
    cv: { folds, accuracy: Number(cv.accuracy.toFixed(4)) },
  };
  return { artifact, text: serializeArtifact(artifact), cv, trainMs };
}

export interface HeadOptions {
  /** SHA-256 of the head's corpus files. */
  corpusSha256: string;
  /** The intent model's hyper-parameters (the head reads the same features); maxBytes is the head's own budget. */
  hyper: Hyper;
  folds?: number;
  /**
   * The intent model's vocabulary: the head reads messages as that model does (words it never saw
   * repaired towards it, classifier.ts featurizer), in training as in prediction.
   */
  vocabulary?: string;
}

export interface HeadResult {
  head: ModelHead;
  cv: CvResult | null;
  trainMs: number;
}

/** A second head (the act) over the intent model's features: trained, pruned and calibrated the same way. */
export function trainHead(corpus: Corpus, options: HeadOptions): HeadResult {
  if (corpus.labels.length < 2) throw new Error(`act corpus: need at least two acts with examples, found ${corpus.labels.length}`);
  const hyper = options.hyper;
  const cache: FeatureCache = new Map();
  const featurize = featurizer({ hyper, vocabulary: options.vocabulary });
  for (const e of corpus.examples) cache.set(e.text, featurize(e.text));
  const t0 = performance.now();
  const dense = trainDense(corpus, hyper, cache);
  const perLabel: Record<string, number> = {};
  for (const l of corpus.labels) perLabel[l] = corpus.examples.filter((e) => e.label === l).length;
  const draft = toArtifact(dense, { hyper, sha256: options.corpusSha256, perLabel, temperature: 1, cv: null });
  const trainMs = performance.now() - t0;
  const folds = options.folds ?? 5;
  if (folds < 2) return { head: toHead(draft), cv: null, trainMs };
  const cv = crossValidate(corpus, { ...hyper, prune: draft.pruning.threshold }, folds, cache, options.vocabulary);
  const head = toHead({
    ...draft,
    calibration: { temperature: Number(cv.temperature.toPrecision(hyper.digits)) },
    cv: { folds, accuracy: Number(cv.accuracy.toFixed(4)) },
  });
  return { head, cv, trainMs };
}

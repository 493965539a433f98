// The whole training run behind `npm run nlu:train`: cross-validate (for the CV figure and the
// softmax temperature), train on the full corpus, prune into the artifact. Deterministic: the same
// corpus and hyper-parameters give byte-identical artifact text.
import { serializeArtifact, toArtifact, type ModelArtifact } from './artifact.js';
import type { Corpus } from './corpus.js';
import { crossValidate, type CvResult } from './cross-validate.js';
import { DEFAULT_HYPER, HyperSchema, type Hyper } from './hyper.js';
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
  const hyper = HyperSchema.parse({ ...DEFAULT_HYPER, ...options.hyper });
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

// k-fold cross-validation on the training corpus: how hyper-parameters are chosen and where the
// softmax temperature comes from, without ever looking at the test set. Each fold's model goes
// through the same pruning and rounding as the shipped artifact, so the figure is the shipped one's.
import { toArtifact } from './artifact.js';
import { fitTemperature } from './calibrate.js';
import { classifierFromArtifact } from './classifier.js';
import { stratifiedFolds, type Corpus } from './corpus.js';
import { scoreItems, type Evaluation } from './evaluate.js';
import type { Hyper } from './hyper.js';
import { softmaxInPlace, trainDense, type FeatureCache } from './train.js';

export interface CvResult {
  folds: number;
  accuracy: number;
  /** Out-of-fold predictions, calibrated with `temperature`. */
  evaluation: Evaluation;
  temperature: number;
  ms: number;
}

const NO_HASH = '0'.repeat(64);

/** Out-of-fold logits for every example (each from the model trained without its fold). */
function outOfFoldLogits(corpus: Corpus, hyper: Hyper, k: number, cache: FeatureCache, vocabulary?: string): Float64Array[] {
  const fold = stratifiedFolds(corpus, k, hyper.seed);
  const logits = new Array<Float64Array>(corpus.examples.length);
  for (let f = 0; f < k; f++) {
    const train = { labels: corpus.labels, examples: corpus.examples.filter((_, i) => fold[i] !== f) };
    // A fold may lack a tiny label entirely; the model then simply cannot predict it.
    const labels = corpus.labels.filter((l) => train.examples.some((e) => e.label === l));
    const dense = trainDense({ labels, examples: train.examples }, hyper, cache);
    const model = classifierFromArtifact(toArtifact(dense, { hyper, sha256: NO_HASH, perLabel: {}, temperature: 1, cv: null, vocabulary }));
    corpus.examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const raw = model.logits(e.text);
      // Back onto the full label list; a label missing from this fold gets no chance.
      const full = new Float64Array(corpus.labels.length).fill(-1e9);
      labels.forEach((l, j) => (full[corpus.labels.indexOf(l)] = raw[j]!));
      logits[i] = full;
    });
  }
  return logits;
}

/** `vocabulary`: read the held-out fold's words through this one (the act head reads the intent model's). */
export function crossValidate(corpus: Corpus, hyper: Hyper, k = 5, cache: FeatureCache = new Map(), vocabulary?: string): CvResult {
  const t0 = performance.now();
  const logits = outOfFoldLogits(corpus, hyper, k, cache, vocabulary);
  const gold = corpus.examples.map((e) => corpus.labels.indexOf(e.label));
  const temperature = fitTemperature(logits, gold);
  const items = corpus.examples.map((e, i) => {
    const p = logits[i]!.map((x) => x / temperature);
    softmaxInPlace(p);
    let best = 0;
    for (let j = 1; j < p.length; j++) if (p[j]! > p[best]!) best = j;
    return { ...e, predicted: corpus.labels[best]!, confidence: p[best]! };
  });
  const evaluation = scoreItems(items, corpus.labels);
  return { folds: k, accuracy: evaluation.accuracy, evaluation, temperature, ms: performance.now() - t0 };
}

// Multinomial logistic regression (softmax) trained by per-example AdaGrad with L2. Everything
// that could vary between runs is pinned: the vocabulary is sorted, each epoch's order comes from a
// seeded hash of every line's own text and label (not a shuffle of the whole list, whose every
// position moves when one line is added), the epochs are fixed and the arithmetic runs in one
// order, so the same corpus gives the same weights and a small corpus edit moves little else.
import type { Corpus } from './corpus.js';
import { extractFeatures, type FeatureVector } from './features.js';
import type { Hyper } from './hyper.js';
import { hashOrder } from './rng.js';

/** A trained model before pruning: weights[f * labels.length + k] is feature f's weight for label k. */
export interface DenseModel {
  labels: string[];
  features: string[];
  weights: Float64Array;
  bias: Float64Array;
}

/** Texts already turned into features, shared between cross-validation folds. */
export type FeatureCache = Map<string, FeatureVector>;

interface Encoded {
  idx: Int32Array;
  val: Float64Array;
  label: number;
}

export function featuresOf(text: string, hyper: Hyper, cache?: FeatureCache): FeatureVector {
  const hit = cache?.get(text);
  if (hit) return hit;
  const f = extractFeatures(text, hyper);
  cache?.set(text, f);
  return f;
}

/** Features present in at least minCount examples, sorted so indices never depend on input order. */
function buildVocabulary(vectors: readonly FeatureVector[], minCount: number): Map<string, number> {
  const df = new Map<string, number>();
  for (const v of vectors) for (const k of v.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const kept = [...df]
    .filter(([, n]) => n >= minCount)
    .map(([k]) => k)
    .sort();
  return new Map(kept.map((k, i) => [k, i]));
}

function encode(v: FeatureVector, label: number, vocab: Map<string, number>): Encoded {
  const idx: number[] = [];
  const val: number[] = [];
  v.keys.forEach((k, i) => {
    const f = vocab.get(k);
    if (f !== undefined) {
      idx.push(f);
      val.push(v.values[i]!);
    }
  });
  return { idx: Int32Array.from(idx), val: Float64Array.from(val), label };
}

/** Softmax of `scores` in place. */
export function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k]! - max);
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}

/** Balances small intents against big ones, softened by classWeightPower. */
function classWeights(encoded: readonly Encoded[], labels: number, power: number): Float64Array {
  const counts = new Float64Array(labels);
  for (const e of encoded) counts[e.label]!++;
  return counts.map((n) => (n === 0 ? 0 : (encoded.length / (labels * n)) ** power));
}

interface State {
  w: Float64Array;
  g2: Float64Array;
  b: Float64Array;
  gb2: Float64Array;
  /** The labels this step updates, and their gradients. */
  active: Int32Array;
  grad: Float64Array;
  p: Float64Array;
}

/**
 * One AdaGrad step on one example. L2 is applied to the weights the example touches (lazy L2), and
 * only for labels whose gradient is worth a step: once the model has learnt an example, most labels'
 * probabilities are ~0 and updating them would be most of the work for none of the effect.
 */
function step(s: State, e: Encoded, cw: number, hyper: Hyper): void {
  const K = s.b.length;
  s.p.set(s.b);
  for (let j = 0; j < e.idx.length; j++) {
    const base = e.idx[j]! * K;
    const x = e.val[j]!;
    for (let k = 0; k < K; k++) s.p[k]! += x * s.w[base + k]!;
  }
  softmaxInPlace(s.p);
  const lr = hyper.learningRate;
  let n = 0;
  for (let k = 0; k < K; k++) {
    const g = cw * (s.p[k]! - (k === e.label ? 1 : 0));
    if (Math.abs(g) < hyper.minGradient) continue;
    s.active[n] = k;
    s.grad[n++] = g;
    s.gb2[k]! += g * g;
    s.b[k]! -= (lr * g) / Math.sqrt(s.gb2[k]!);
  }
  for (let j = 0; j < e.idx.length; j++) {
    const base = e.idx[j]! * K;
    const x = e.val[j]!;
    for (let a = 0; a < n; a++) {
      const at = base + s.active[a]!;
      const g = s.grad[a]! * x + hyper.l2 * s.w[at]!;
      s.g2[at]! += g * g;
      s.w[at]! -= (lr * g) / Math.sqrt(s.g2[at]!);
    }
  }
}

/** Trains on the whole of `corpus`. `cache` saves re-extracting features across folds. */
export function trainDense(corpus: Corpus, hyper: Hyper, cache?: FeatureCache): DenseModel {
  const K = corpus.labels.length;
  const labelIndex = new Map(corpus.labels.map((l, i) => [l, i]));
  const vectors = corpus.examples.map((e) => featuresOf(e.text, hyper, cache));
  const vocab = buildVocabulary(vectors, hyper.minCount);
  const encoded = corpus.examples.map((e, i) => encode(vectors[i]!, labelIndex.get(e.label)!, vocab));
  const cw = classWeights(encoded, K, hyper.classWeightPower);
  const V = vocab.size;
  const s: State = {
    w: new Float64Array(V * K),
    g2: new Float64Array(V * K).fill(hyper.initialAccumulator),
    b: new Float64Array(K),
    gb2: new Float64Array(K).fill(hyper.initialAccumulator),
    active: new Int32Array(K),
    grad: new Float64Array(K),
    p: new Float64Array(K),
  };
  const keys = corpus.examples.map((e) => `${e.text}\0${e.label}`);
  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    const order = hashOrder(keys, hyper.seed * 1_000_003 + epoch);
    for (const i of order) step(s, encoded[i]!, cw[encoded[i]!.label]!, hyper);
  }
  return { labels: [...corpus.labels], features: [...vocab.keys()], weights: s.w, bias: s.b };
}

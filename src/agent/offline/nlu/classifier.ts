// Prediction from an artifact: the JSON is validated once and unpacked into flat typed arrays, so
// a prediction is one tokenize, a few hundred map look-ups and a softmax over the labels.
// No node: imports here: this runs in Node and in workerd alike.
import { artifactSchema, type ModelArtifact, type ModelHead } from './artifact.js';
import { featuresOfTokens, type FeatureVector } from './features.js';
import { createVocabulary, type Vocabulary } from './repair.js';
import { repairTokens, SHORTHAND_WORDS, tokenize } from './text.js';
import { VOCABULARY_SEED } from '../lexicon.js';
import { COMMON_WORDS } from '../words.js';
import { softmaxInPlace } from './train.js';
import { unpack, type Packed } from './unpack.js';

/** Below this probability the top label is a guess: ask a clarifying question instead. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

export interface IntentScore {
  label: string;
  probability: number;
}

export interface IntentPrediction {
  /** The most probable label. */
  label: string;
  /** Its probability. */
  confidence: number;
  /** confidence < minConfidence. */
  lowConfidence: boolean;
  /** Every label's probability (they sum to 1). */
  probabilities: Record<string, number>;
  /** The topK most probable labels, best first. */
  top: IntentScore[];
}

export interface PredictOptions {
  /** How many labels `top` lists (default 3). */
  topK?: number;
  /** Confidence under which the prediction is flagged low (default DEFAULT_MIN_CONFIDENCE). */
  minConfidence?: number;
}

export interface ModelInfo {
  labels: readonly string[];
  corpusSha256: string;
  examples: number;
  features: number;
  weights: number;
  temperature: number;
  cvAccuracy: number | null;
}

/** A head over the same features: labels, how it predicts, what it was trained from. */
export interface HeadClassifier {
  readonly labels: readonly string[];
  readonly info: ModelInfo;
  predict(text: string, options?: PredictOptions): IntentPrediction;
  /**
   * The k most probable labels, best first: predict's `top` without the rest of a prediction (no
   * record of every label's probability, no sort of them all). For a caller on every turn's path
   * that reads only the leaders (tool routing).
   */
  top(text: string, k: number): IntentScore[];
  /** Raw label scores before temperature and softmax (for calibration). */
  logits(text: string): Float64Array;
}

export interface IntentClassifier extends HeadClassifier {
  /** The message's act (ask, hypothetical, told…), when the model was trained with an act corpus. */
  readonly act: HeadClassifier | null;
  /** What a follow-up asks about (order_fact, money, continue…), when trained with a follow corpus. */
  readonly follow: HeadClassifier | null;
  /** What a message does with a proposal waiting (yes, no, change, about, other), when trained with a reply corpus. */
  readonly reply: HeadClassifier | null;
  /** Which part of a policy a follow-up asks (window, cost… express, tracking, none), when trained with a part corpus. */
  readonly part: HeadClassifier | null;
  /** How much of something the message means (adds, replaces, all, part, one, none), when trained with a scope corpus. */
  readonly scope: HeadClassifier | null;
}

function rank(labels: readonly string[], probs: Float64Array, options: PredictOptions): IntentPrediction {
  const order = labels.map((_, k) => k).sort((x, y) => probs[y]! - probs[x]! || x - y);
  const best = order[0]!;
  const probabilities: Record<string, number> = {};
  labels.forEach((l, k) => (probabilities[l] = probs[k]!));
  const confidence = probs[best]!;
  return {
    label: labels[best]!,
    confidence,
    lowConfidence: confidence < (options.minConfidence ?? DEFAULT_MIN_CONFIDENCE),
    probabilities,
    top: order.slice(0, Math.max(1, options.topK ?? 3)).map((k) => ({ label: labels[k]!, probability: probs[k]! })),
  };
}

/** A classifier from an artifact (validated here: a bad file fails at load, not mid-chat). */
export function loadClassifier(data: unknown): IntentClassifier {
  return classifierFromArtifact(artifactSchema().parse(data));
}

/**
 * The words a model knows: its corpus's, with their counts, and (never counted, so never preferred
 * over a corpus word) the shop's trade words, everyday English and shorthand. Null for an artifact
 * without a vocabulary (built for cross-validation): its words are then read as written.
 */
function vocabularyOf(a: Pick<ModelArtifact, 'vocabulary'>): Vocabulary | null {
  if (!a.vocabulary) return null;
  const parts = a.vocabulary.split(' ');
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < parts.length; i += 2) counts.set(parts[i]!, Number(parts[i + 1]));
  return createVocabulary(counts, [...VOCABULARY_SEED, ...COMMON_WORDS, ...SHORTHAND_WORDS]);
}

/** Label scores of a feature vector under one set of packed rows. */
function score(p: Packed, bias: readonly number[], v: FeatureVector): Float64Array {
  const scores = Float64Array.from(bias);
  for (let i = 0; i < v.keys.length; i++) {
    const f = p.index.get(v.keys[i]!);
    if (f === undefined) continue;
    const x = v.values[i]!;
    for (let j = p.start[f]!; j < p.start[f + 1]!; j++) scores[p.label[j]!]! += x * p.weight[j]!;
  }
  return scores;
}

function head(
  h: Pick<ModelHead, 'labels' | 'rows' | 'pruning' | 'bias' | 'calibration' | 'cv' | 'corpus'>,
  vectorOf: (text: string) => FeatureVector,
): HeadClassifier {
  // What the closures below keep is named one by one: never `h`, whose rows (the parsed JSON,
  // larger than the packed model) are garbage once unpacked.
  const p = unpack(h);
  const { labels, bias } = h;
  const K = labels.length;
  const temperature = h.calibration.temperature;
  const logits = (text: string) => score(p, bias, vectorOf(text));
  const info: ModelInfo = {
    labels,
    corpusSha256: h.corpus.sha256,
    examples: h.corpus.examples,
    features: h.rows.length,
    weights: p.weight.length,
    temperature,
    cvAccuracy: h.cv?.accuracy ?? null,
  };
  return {
    labels,
    info,
    logits,
    predict(text, options = {}) {
      return rank(labels, probabilities(text), options);
    },
    top(text, k) {
      return leaders(labels, probabilities(text), Math.max(1, k));
    },
  };

  function probabilities(text: string): Float64Array {
    const s = logits(text);
    for (let k = 0; k < K; k++) s[k]! /= temperature;
    softmaxInPlace(s);
    return s;
  }
}

/** The k most probable labels, best first, ties to the earlier label: rank's `top`, by k passes instead of a sort. */
function leaders(labels: readonly string[], probs: Float64Array, k: number): IntentScore[] {
  const out: IntentScore[] = [];
  const taken: number[] = [];
  for (let n = 0; n < k && n < labels.length; n++) {
    let best = -1;
    for (let j = 0; j < labels.length; j++) if (!taken.includes(j) && (best < 0 || probs[j]! > probs[best]!)) best = j;
    taken.push(best);
    out.push({ label: labels[best]!, probability: probs[best]! });
  }
  return out;
}

/** A classifier from an artifact this process has just built (no need to validate it again). */
export function classifierFromArtifact(a: ModelArtifact): IntentClassifier {
  const features = featurizer(a);
  // Every head reads the same features: the last message's are kept, so asking several costs one tokenize.
  let last: { text: string; v: FeatureVector } | null = null;
  const vectorOf = (text: string): FeatureVector => {
    if (last?.text === text) return last.v;
    const v = features(text);
    last = { text, v };
    return v;
  };
  return {
    ...head(a, vectorOf),
    act: a.act ? head(a.act, vectorOf) : null,
    follow: a.follow ? head(a.follow, vectorOf) : null,
    reply: a.reply ? head(a.reply, vectorOf) : null,
    part: a.part ? head(a.part, vectorOf) : null,
    scope: a.scope ? head(a.scope, vectorOf) : null,
  };
}

/**
 * How a model reads a message into features: words the corpus never showed are read as the known
 * words they were typed for (repair.ts). The act head is trained through the same reading.
 */
export function featurizer(a: Pick<ModelArtifact, 'hyper' | 'vocabulary'>): (text: string) => FeatureVector {
  const vocab = vocabularyOf(a);
  const { hyper } = a; // not `a`: the closure would keep the whole artifact alive
  return (text) => {
    const tokens = tokenize(text);
    return featuresOfTokens(vocab ? repairTokens(tokens, vocab) : tokens, hyper);
  };
}

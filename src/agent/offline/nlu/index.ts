// The learned intent classifier: text → intent with calibrated probabilities, from the model
// trained on data/nlu/train and checked in as data/nlu/model.json. Runtime-neutral (Node and
// workerd). Training and corpus files on disk are in ./node.ts, for CLIs and tests.
export {
  classifyAct,
  classifyFollow,
  classifyIntent,
  classifyPart,
  classifyReply,
  classifyScope,
  defaultClassifier,
  type Act,
  type ActPrediction,
  type Follow,
  type FollowPrediction,
  type Part,
  type PartPrediction,
  PARTS,
  type Reply,
  type ReplyPrediction,
  type Scope,
  type ScopePrediction,
  SCOPES,
} from './default-model.js';
export {
  DEFAULT_MIN_CONFIDENCE,
  loadClassifier,
  type HeadClassifier,
  type IntentClassifier,
  type IntentPrediction,
  type IntentScore,
  type ModelInfo,
  type PredictOptions,
} from './classifier.js';
export { normalizeText, tokenize } from './text.js';
export { extractFeatures, type FeatureOptions, type FeatureVector } from './features.js';
export { ARTIFACT_FORMAT, type ModelArtifact } from './artifact.js';
export { DEFAULT_HYPER, type Hyper } from './hyper.js';
export type { Corpus, LabelledText } from './corpus.js';
export type { Evaluation, LabelMetrics, Confusion, ScoredItem } from './evaluate.js';

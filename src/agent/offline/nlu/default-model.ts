// The checked-in model, bundled as a JSON module (Node via tsx, and wrangler's bundler for workerd),
// unpacked on first use and kept for the life of the process or isolate.
import artifact from '../../../../data/nlu/model.json' with { type: 'json' };
import { loadClassifier, type IntentClassifier, type IntentPrediction, type PredictOptions } from './classifier.js';

let loaded: IntentClassifier | null = null;

/** The classifier trained from data/nlu/train (by `npm run nlu:train`). */
export function defaultClassifier(): IntentClassifier {
  loaded ??= loadClassifier(artifact);
  return loaded;
}

/** The intent of one shopper message, with every label's probability and the top few. */
export function classifyIntent(text: string, options?: PredictOptions): IntentPrediction {
  return defaultClassifier().predict(text, options);
}

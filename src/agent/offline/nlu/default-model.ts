// The checked-in model (data/nlu/model.json), loaded on first use and kept for the life of the
// process or isolate — not at startup: a server whose configured model is OpenAI-compatible may
// never fall back to the offline one, and imported as a module (compiled to JavaScript by tsx)
// the 1.5 MB of JSON cost the server about 11 MB of resident memory from the start. Node reads
// and parses the file when it is first needed (a synchronous read, so classifyIntent stays
// synchronous); workerd has no such file, and gets it bundled by wrangler behind the dynamic
// import, which the offline model awaits before its first answer (loadDefaultClassifier, used by
// src/agent/offline/index.ts).
import { loadClassifier, type IntentClassifier, type IntentPrediction, type PredictOptions } from './classifier.js';

const MODEL_FILE = '../../../../data/nlu/model.json';

let loaded: IntentClassifier | null = null;
let loading: Promise<IntentClassifier> | null = null;

/** The model file read from disk, or null where there is no disk to read it from (workerd). */
function readFromDisk(): unknown {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = nodeProcess?.getBuiltinModule?.('node:fs') as { readFileSync?: (path: URL, enc: 'utf8') => string } | undefined;
  if (!fs?.readFileSync) return null;
  try {
    return JSON.parse(fs.readFileSync(new URL(MODEL_FILE, import.meta.url), 'utf8'));
  } catch {
    return null;
  }
}

/** Loads the classifier if it is not loaded yet: what the offline model awaits before it answers. */
export function loadDefaultClassifier(): Promise<IntentClassifier> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= (async () => {
    const artifact = readFromDisk() ?? (await import('../../../../data/nlu/model.json', { with: { type: 'json' } })).default;
    loaded ??= loadClassifier(artifact);
    return loaded;
  })();
  return loading;
}

/** The classifier trained from data/nlu/train (by `npm run nlu:train`). */
export function defaultClassifier(): IntentClassifier {
  if (loaded) return loaded;
  const artifact = readFromDisk();
  if (artifact === null) throw new Error(`The intent classifier is not loaded yet (${MODEL_FILE}): await loadDefaultClassifier() first.`);
  loaded = loadClassifier(artifact);
  return loaded;
}

/** The intent of one shopper message, with every label's probability and the top few. */
export function classifyIntent(text: string, options?: PredictOptions): IntentPrediction {
  return defaultClassifier().predict(text, options);
}

// Hyper-parameter search by cross-validation on the training corpus only (the test set is never
// looked at): coordinate descent, one parameter at a time over a short list of values, keeping a
// change only when it raises CV accuracy. Much slower than training (every candidate is a full
// training run), so it is a separate command; its winner goes into DEFAULT_HYPER by hand.
import type { Corpus } from './corpus.js';
import { trainModel } from './fit.js';
import type { Hyper } from './hyper.js';

export type SearchSpace = Partial<{ [K in keyof Hyper]: Array<Hyper[K]> }>;

export const DEFAULT_SEARCH: SearchSpace = {
  learningRate: [0.15, 0.3, 0.6],
  epochs: [10, 15, 20],
  l2: [0, 1e-4, 1e-3],
  classWeightPower: [0, 0.5, 1],
  words: [0.7, 1, 1.4],
  bigrams: [0.4, 0.7, 1],
  skips: [0, 0.5, 0.8],
  chars: [0.7, 1, 1.4],
  minCount: [1, 2, 3],
  minGradient: [0.003, 0.01, 0.03],
  initialAccumulator: [0.03, 0.1, 0.3],
};

export interface TuneStep {
  hyper: Hyper;
  changed: string;
  accuracy: number;
  macroF1: number;
  ms: number;
}

/** Runs the search; `onStep` sees every candidate as it is scored. Returns the best hyper-parameters. */
export function tune(
  corpus: Corpus,
  start: Hyper,
  space: SearchSpace,
  folds: number,
  onStep?: (s: TuneStep) => void,
): { best: Hyper; accuracy: number } {
  // Each candidate goes through the whole training run (full fit, pruning to the size budget, then
  // k-fold CV at that pruning), so it is scored exactly as it would ship.
  const score = (h: Hyper, changed: string) => {
    const t0 = performance.now();
    const { cv } = trainModel(corpus, { corpusSha256: '0'.repeat(64), hyper: h, folds });
    onStep?.({ hyper: h, changed, accuracy: cv!.accuracy, macroF1: cv!.evaluation.macroF1, ms: performance.now() - t0 });
    return cv!.accuracy;
  };
  let best = start;
  let bestAcc = score(best, 'start');
  for (const [key, values] of Object.entries(space) as Array<[keyof Hyper, number[]]>) {
    for (const v of values) {
      if (best[key] === v) continue;
      const h = { ...best, [key]: v };
      const acc = score(h, `${key}=${v}`);
      if (acc > bestAcc) {
        best = h;
        bestAcc = acc;
      }
    }
  }
  return { best, accuracy: bestAcc };
}

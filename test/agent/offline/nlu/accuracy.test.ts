// The shipped model on the independent test set (data/nlu/test, never trained or tuned on).
import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../../../../src/agent/offline/nlu/index.js';
import { evaluate, loadCorpusDir, NLU_PATHS, readIntentLabels } from '../../../../src/agent/offline/nlu/node.js';

const TARGET = 0.92;

describe('intent accuracy on data/nlu/test', () => {
  it(`is at least ${TARGET * 100}% overall`, () => {
    const test = loadCorpusDir(NLU_PATHS.test, readIntentLabels())!;
    const e = evaluate(defaultClassifier(), test.corpus.examples);
    const weakest = [...e.perLabel]
      .filter((m) => m.support > 0)
      .sort((a, b) => a.recall - b.recall)
      .slice(0, 5);
    const detail = `${e.correct}/${e.total}; weakest: ${weakest.map((m) => `${m.label} ${(m.recall * 100).toFixed(0)}%`).join(', ')} (npm run nlu:report for the confusions)`;
    expect(e.accuracy, detail).toBeGreaterThanOrEqual(TARGET);
  });
});

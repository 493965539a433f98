import { describe, expect, it } from 'vitest';
import { buildCorpus, loadClassifier, stratifiedFolds, trainModel } from '../../../../src/agent/offline/nlu/node.js';
import { FIXTURE_FILES, FIXTURE_HASH, fixtureCorpus } from './fixture.js';

// minCount 1: in a ten-line-per-intent corpus most useful features occur once.
const HYPER = { minCount: 1 };

describe('training', () => {
  it('is deterministic: the same corpus gives byte-identical artifacts', () => {
    const a = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 3 });
    const b = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 3 });
    expect(a.text).toBe(b.text);
    expect(a.artifact.corpus).toMatchObject({ sha256: FIXTURE_HASH, examples: 40, perLabel: { greeting: 10, search: 10 } });
    expect(a.artifact.labels).toEqual(['greeting', 'search', 'order_status', 'refund_status']);
    expect(a.artifact.cv?.folds).toBe(3);
  });

  it('changes when the corpus or a hyper-parameter changes', () => {
    const base = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 }).text;
    const edited = buildCorpus({ ...FIXTURE_FILES, greeting: `${FIXTURE_FILES.greeting}\nyo` }, [
      'greeting',
      'search',
      'order_status',
      'refund_status',
    ]);
    expect(trainModel(edited, { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 }).text).not.toBe(base);
    expect(trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: { ...HYPER, seed: 2 }, folds: 0 }).text).not.toBe(base);
  });

  it('round-trips through JSON and fits its own corpus', () => {
    const { text } = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 });
    const model = loadClassifier(JSON.parse(text));
    for (const e of fixtureCorpus().examples) expect(model.predict(e.text).label, e.text).toBe(e.label);
  });

  it('returns a probability per label, summing to 1, and the top k in order', () => {
    const model = loadClassifier(JSON.parse(trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 }).text));
    const p = model.predict('where is my refund for the return', { topK: 2 });
    expect(Object.keys(p.probabilities).sort()).toEqual(['greeting', 'order_status', 'refund_status', 'search']);
    expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p.top.map((t) => t.label)).toEqual(['refund_status', 'order_status']);
    expect(p.top[0]!.probability).toBeGreaterThan(p.top[1]!.probability);
    expect(p.confidence).toBe(p.probabilities[p.label]);
  });

  it('is robust to typos: misspelt words still classify through their character n-grams', () => {
    const model = loadClassifier(JSON.parse(trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 }).text));
    const cases: Array<[string, string]> = [
      ['whers my refnud', 'refund_status'],
      ['has my ordr shiped', 'order_status'],
      ['shw me dressses', 'search'],
      ['helo', 'greeting'],
      ['WHERE’S MY REFUUUUND??', 'refund_status'],
    ];
    for (const [text, label] of cases) expect(model.predict(text).label, text).toBe(label);
  });

  it('flags low confidence on a message unlike anything it was taught', () => {
    const model = loadClassifier(JSON.parse(trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 }).text));
    expect(model.predict('hello').lowConfidence).toBe(false);
    expect(model.predict('qqq zzz').lowConfidence).toBe(true);
    expect(model.predict('').top).toHaveLength(3);
  });

  it('prunes harder when the artifact would exceed its size budget', () => {
    const free = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 });
    const budget = Math.floor(free.text.length / 2);
    const tight = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: { ...HYPER, maxBytes: budget }, folds: 0 });
    expect(tight.text.length).toBeLessThanOrEqual(budget);
    expect(tight.artifact.pruning.threshold).toBeGreaterThan(free.artifact.pruning.threshold);
    expect(tight.artifact.pruning.weights).toBeLessThan(free.artifact.pruning.weights);
    // What survives is what matters most: the corpus still classifies.
    const model = loadClassifier(JSON.parse(tight.text));
    expect(fixtureCorpus().examples.filter((e) => model.predict(e.text).label === e.label).length).toBeGreaterThanOrEqual(36);
  });

  it('deals every intent evenly into the folds', () => {
    const corpus = fixtureCorpus();
    const folds = stratifiedFolds(corpus, 5, 1);
    for (const label of corpus.labels) {
      const perFold = [0, 1, 2, 3, 4].map((f) => corpus.examples.filter((e, i) => e.label === label && folds[i] === f).length);
      expect(perFold, label).toEqual([2, 2, 2, 2, 2]);
    }
  });

  it('rejects an artifact that is not one, or whose rows are damaged', () => {
    expect(() => loadClassifier({ format: 'tailor-nlu/1', labels: ['a'] })).toThrow();
    const { artifact } = trainModel(fixtureCorpus(), { corpusSha256: FIXTURE_HASH, hyper: HYPER, folds: 0 });
    const damaged = (row: string) => ({ ...artifact, rows: [row, ...artifact.rows.slice(1)] });
    expect(() => loadClassifier(damaged('w:hi\t0'))).toThrow(/malformed row/);
    expect(() => loadClassifier(damaged('w:hi\t9 1.5'))).toThrow(/malformed row/);
    expect(() => loadClassifier(damaged('w:hi\t0 x'))).toThrow(/malformed row/);
  });
});

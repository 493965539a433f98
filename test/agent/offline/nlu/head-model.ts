// The checks every learned head of data/nlu/model.json shares (act, follow, reply): trained from its current
// corpus with the labels its labels file defines, and its independent test set read at 85 % or better with every
// label above a floor, none of the test lines a training line.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { defaultClassifier } from '../../../../src/agent/offline/nlu/index.js';
import {
  corpusSha256,
  evaluate,
  loadCorpusDir,
  NLU_PATHS,
  readCorpusFiles,
  readIntentLabels,
} from '../../../../src/agent/offline/nlu/node.js';

const RETRAIN = 'run `npm run nlu:train` and commit data/nlu/model.json';

export interface HeadFiles {
  /** The head's key in model.json and on the classifier. */
  head: 'act' | 'follow' | 'reply';
  /** The labels file, the training and the test folder. */
  labels: string;
  train: string;
  test: string;
  /** The recall every label must pass on the test set. */
  minRecall: number;
}

/** The two checks, as `it`s of the caller's describe. The model read is TAILOR_NLU_MODEL's when set. */
export function itChecksHeadModel({ head, labels: labelsFile, train, test, minRecall }: HeadFiles): void {
  const labels = readIntentLabels(labelsFile);
  const classifierHead = () => defaultClassifier()[head];

  it(`was trained from the current ${head} corpus, with the labels its labels file defines`, () => {
    const path = process.env.TAILOR_NLU_MODEL || NLU_PATHS.model;
    const artifact = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { corpus: { sha256: string }; labels: string[] } | undefined>;
    const stored = artifact[head];
    expect(stored, `no ${head} head in the model: ${RETRAIN}`).toBeDefined();
    expect(stored!.corpus.sha256, `${train} changed since the model was trained: ${RETRAIN}`).toBe(corpusSha256(readCorpusFiles(train)!));
    expect(stored!.labels).toEqual(labels);
    expect(classifierHead()?.labels).toEqual(labels);
  });

  it(`reads its independent test set at 85 % or better, every label above ${Math.round(minRecall * 100)} %, none of it a training line`, () => {
    const trained = loadCorpusDir(train, labels)!.corpus;
    const tested = loadCorpusDir(test, labels)!.corpus;
    const seen = new Set(trained.examples.map((e) => e.text.toLowerCase()));
    expect(tested.examples.filter((e) => seen.has(e.text.toLowerCase())).map((e) => e.text)).toEqual([]);
    expect(tested.labels).toEqual(labels);
    const e = evaluate(classifierHead()!, tested.examples);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.85);
    for (const m of e.perLabel) expect(m.recall, m.label).toBeGreaterThan(minRecall);
  });
}

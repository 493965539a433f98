// The checked-in model against the corpus and code it must come from: a corpus edit (or a change
// of DEFAULT_HYPER) without `npm run nlu:train` fails here, with the command to run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../../../../src/agent/offline/nlu/index.js';
import {
  corpusSha256,
  DEFAULT_HYPER,
  NLU_DIR,
  NLU_PATHS,
  readCorpusFiles,
  readIntentLabels,
} from '../../../../src/agent/offline/nlu/node.js';

const RETRAIN = 'run `npm run nlu:train` and commit data/nlu/model.json';
const artifact = JSON.parse(readFileSync(NLU_PATHS.model, 'utf8')) as { corpus: { sha256: string }; hyper: unknown; labels: string[] };

describe('data/nlu/model.json', () => {
  it('was trained from the current corpus in data/nlu/train', () => {
    const sha = corpusSha256(readCorpusFiles(NLU_PATHS.train)!);
    expect(artifact.corpus.sha256, `data/nlu/train changed since the model was trained: ${RETRAIN}`).toBe(sha);
  });

  it('was trained with the current default hyper-parameters', () => {
    expect(artifact.hyper, `DEFAULT_HYPER changed since the model was trained: ${RETRAIN}`).toEqual(DEFAULT_HYPER);
  });

  it('knows only intents from intents.yaml, and stays under 2 MB', () => {
    const labels = readIntentLabels();
    expect(artifact.labels.filter((l) => !labels.includes(l))).toEqual([]);
    expect(statSync(NLU_PATHS.model).size).toBeLessThan(2_000_000);
  });

  it('loads as the default classifier', () => {
    const model = defaultClassifier();
    expect(model.labels).toEqual(artifact.labels);
    expect(model.info.corpusSha256).toBe(artifact.corpus.sha256);
    expect(model.predict('hello').top.length).toBeGreaterThan(0);
  });
});

describe('the prediction path', () => {
  it('imports no node: module (it runs in workerd)', () => {
    const dir = join(NLU_DIR, '../../src/agent/offline/nlu');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'node.ts')
      .filter((f) => /from '(node:|\.\/node\.js)/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

// The checks every learned head of data/nlu/model.json shares (act, follow, reply, part, scope): trained from its current
// corpus with the labels its labels file defines, and its independent test set read at 85 % or better with every
// label above a floor, none of the test lines a training line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { defaultClassifier } from '../../../../src/agent/offline/nlu/index.js';
import {
  corpusSha256,
  evaluate,
  loadClassifier,
  loadCorpusDir,
  NLU_PATHS,
  readCorpusFiles,
  readIntentLabels,
} from '../../../../src/agent/offline/nlu/node.js';
import { FIXTURE_FILES } from './fixture.js';

const RETRAIN = 'run `npm run nlu:train` and commit data/nlu/model.json';

export interface HeadFiles {
  /** The head's key in model.json and on the classifier. */
  head: 'act' | 'follow' | 'reply' | 'part' | 'scope';
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

export interface HeadCli {
  /** The head's key on the classifier and its train flag's stem: `--acts`/`--acts-test`, `--follow`/…, `--reply`/…. */
  head: 'act' | 'follow' | 'reply' | 'part' | 'scope';
  flag: 'acts' | 'follow' | 'reply' | 'parts' | 'scope';
  /** What nlu:train calls its lines ("acts", "follow-ups", "replies") and its labels ("acts", "labels"). */
  noun: string;
  unit: string;
  /** A tiny corpus, one file per label; it is its own test set. */
  files: Record<string, string>;
  /** A line of it and the label the trained head must give it. */
  probe: [string, string];
  /** The report's section title ("Act head") and its table's first column ("act"). */
  title: string;
  column: string;
}

const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

/** nlu:train writes the head beside the intents (no other head) and scores its test folder; nlu:report shows its table. */
export function itTrainsHeadFromCli({ head, flag, noun, unit, files, probe, title, column }: HeadCli): void {
  it(`train writes the ${head} head beside the intents and scores its test folder; the report shows it`, { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), `tailor-${head}-`));
    try {
      const train = join(dir, 'train');
      const own = join(dir, flag);
      mkdirSync(train);
      mkdirSync(own);
      for (const [label, text] of Object.entries(FIXTURE_FILES)) writeFileSync(join(train, `${label}.txt`), text);
      for (const [label, text] of Object.entries(files)) writeFileSync(join(own, `${label}.txt`), text);
      const lines = Object.values(files).reduce((n, text) => n + text.split('\n').filter(Boolean).length, 0);
      const out = join(dir, 'model.json');
      const r = run('src/cli/nlu-train.ts', '--corpus', train, `--${flag}`, own, `--${flag}-test`, own, '--folds', '0', '--out', out);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`${noun}: .*${lines} utterances over ${Object.keys(files).length} ${unit}`));
      expect(r.stdout).toMatch(new RegExp(`${head} test set .*${lines} utterances`));
      const model = loadClassifier(JSON.parse(readFileSync(out, 'utf8')));
      for (const other of ['act', 'follow', 'reply', 'part', 'scope'] as const) if (other !== head) expect(model[other] ?? null).toBeNull();
      expect(model[head]?.labels).toEqual(Object.keys(files));
      expect(model[head]!.predict(probe[0]).label).toBe(probe[1]);
      const report = run('src/cli/nlu-report.ts', '--model', out, '--test', train, `--${flag}-test`, own);
      expect(report.status, report.stderr).toBe(0);
      expect(report.stdout).toMatch(new RegExp(`## ${title} on its test set \\(${lines} utterances`));
      expect(report.stdout).toContain(`| ${column} | support | precision | recall | F1 |`);
      expect(report.stdout).toContain('### Confusion matrix (gold ↓, predicted →)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

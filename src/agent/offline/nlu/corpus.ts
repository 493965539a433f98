// The labelled corpus as the trainer sees it: one utterance per line per intent file, '#'
// comments and blank lines skipped. Pure (no file system) so tests can build corpora in memory.
import { createRng, shuffle } from './rng.js';

export interface LabelledText {
  text: string;
  label: string;
}

export interface Corpus {
  /** Labels in a fixed order (intents.yaml's), each with at least one example. */
  labels: string[];
  examples: LabelledText[];
}

/** The utterances of one corpus file. */
export function parseCorpusText(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/**
 * A corpus from file texts by label. `order` fixes the label order (labels not in it come after,
 * sorted); a label without utterances is left out, since a class with no examples cannot be learned.
 */
export function buildCorpus(files: Readonly<Record<string, string>>, order: readonly string[] = []): Corpus {
  const names = Object.keys(files);
  const labels = [...new Set(order.filter((l) => names.includes(l))), ...names.filter((l) => !order.includes(l)).sort()];
  const examples: LabelledText[] = [];
  const used: string[] = [];
  for (const label of labels) {
    const seen = new Set<string>();
    for (const text of parseCorpusText(files[label] ?? '')) {
      // A repeated line would only count twice; it says nothing new.
      if (seen.has(text)) continue;
      seen.add(text);
      examples.push({ text, label });
    }
    if (seen.size > 0) used.push(label);
  }
  return { labels: used, examples };
}

/** Texts that appear under more than one label: the corpus contradicts itself there. */
export function conflictingTexts(corpus: Corpus): Array<{ text: string; labels: string[] }> {
  const byText = new Map<string, Set<string>>();
  for (const e of corpus.examples) {
    const key = e.text.toLowerCase();
    byText.set(key, (byText.get(key) ?? new Set()).add(e.label));
  }
  return [...byText].filter(([, ls]) => ls.size > 1).map(([text, ls]) => ({ text, labels: [...ls].sort() }));
}

/**
 * Stratified k folds: each label's examples are shuffled (seeded) and dealt round-robin, so every
 * fold holds about 1/k of every intent, small ones included. Returns a fold number per example.
 */
export function stratifiedFolds(corpus: Corpus, k: number, seed: number): number[] {
  const fold = new Array<number>(corpus.examples.length).fill(0);
  const rng = createRng(seed);
  let offset = 0;
  for (const label of corpus.labels) {
    const idx = corpus.examples.flatMap((e, i) => (e.label === label ? [i] : []));
    shuffle(idx, rng);
    // Rotating the starting fold keeps the folds' sizes even when many labels are small.
    idx.forEach((i, n) => (fold[i] = (n + offset) % k));
    offset += idx.length;
  }
  return fold;
}

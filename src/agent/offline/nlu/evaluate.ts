// Scoring predictions against gold labels: accuracy, per-label precision/recall/F1, the most
// frequent confusions (with examples, so a corpus writer can see what to add), and how well the
// confidence separates right from wrong answers.
import type { LabelledText } from './corpus.js';
import { DEFAULT_MIN_CONFIDENCE, type HeadClassifier } from './classifier.js';

export interface ScoredItem extends LabelledText {
  predicted: string;
  confidence: number;
}

export interface LabelMetrics {
  label: string;
  support: number;
  correct: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  label: string;
  predicted: string;
  count: number;
  examples: string[];
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  macroF1: number;
  perLabel: LabelMetrics[];
  /** Gold → predicted pairs, most frequent first. */
  confusions: Confusion[];
  /** Predictions under the confidence threshold and how often each side is right. */
  confidence: { threshold: number; low: number; accuracyHigh: number; accuracyLow: number };
  items: ScoredItem[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function labelMetrics(items: readonly ScoredItem[], labels: readonly string[]): LabelMetrics[] {
  return labels.map((label) => {
    const support = items.filter((i) => i.label === label).length;
    const predicted = items.filter((i) => i.predicted === label).length;
    const correct = items.filter((i) => i.label === label && i.predicted === label).length;
    const precision = ratio(correct, predicted);
    const recall = ratio(correct, support);
    return { label, support, correct, predicted, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
}

function confusions(items: readonly ScoredItem[]): Confusion[] {
  const pairs = new Map<string, Confusion>();
  for (const i of items) {
    if (i.label === i.predicted) continue;
    const key = `${i.label}\u0000${i.predicted}`;
    const c = pairs.get(key) ?? { label: i.label, predicted: i.predicted, count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 3) c.examples.push(i.text);
    pairs.set(key, c);
  }
  return [...pairs.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.predicted.localeCompare(b.predicted));
}

/** Metrics over already-scored items. Labels present only in the gold data are included. */
export function scoreItems(items: ScoredItem[], labels: readonly string[], threshold = DEFAULT_MIN_CONFIDENCE): Evaluation {
  const all = [...labels, ...new Set(items.map((i) => i.label).filter((l) => !labels.includes(l)))];
  const perLabel = labelMetrics(items, all).filter((m) => m.support > 0 || m.predicted > 0);
  const correct = items.filter((i) => i.label === i.predicted).length;
  const low = items.filter((i) => i.confidence < threshold);
  const high = items.filter((i) => i.confidence >= threshold);
  const acc = (xs: ScoredItem[]) => ratio(xs.filter((i) => i.label === i.predicted).length, xs.length);
  const withSupport = perLabel.filter((m) => m.support > 0);
  return {
    total: items.length,
    correct,
    accuracy: ratio(correct, items.length),
    macroF1: ratio(
      withSupport.reduce((s, m) => s + m.f1, 0),
      withSupport.length,
    ),
    perLabel,
    confusions: confusions(items),
    confidence: { threshold, low: low.length, accuracyHigh: acc(high), accuracyLow: acc(low) },
    items,
  };
}

/** Runs the classifier over labelled texts and scores it. */
export function evaluate(classifier: HeadClassifier, examples: readonly LabelledText[], threshold = DEFAULT_MIN_CONFIDENCE): Evaluation {
  const items = examples.map((e) => {
    const p = classifier.predict(e.text, { topK: 1 });
    return { ...e, predicted: p.label, confidence: p.confidence };
  });
  return scoreItems(items, classifier.labels, threshold);
}

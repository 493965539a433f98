// An evaluation as Markdown, for the README and for pull requests that touch the corpus.
import type { Evaluation } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cell = (s: string) => s.replace(/\|/g, '\\|');

export interface ReportOptions {
  title: string;
  /** How many confusion pairs to list (default 15). */
  confusions?: number;
  /** What a label is called in the table's header (default "intent"). */
  labelName?: string;
  /** Also a full confusion matrix, gold by row (for a head with a few labels). */
  matrix?: boolean;
}

/** Gold (rows) against predicted (columns), every label that occurs in either. */
function renderMatrix(e: Evaluation): string[] {
  const labels = e.perLabel.map((m) => m.label);
  const count = (gold: string, predicted: string) => e.items.filter((i) => i.label === gold && i.predicted === predicted).length;
  return [
    '### Confusion matrix (gold ↓, predicted →)',
    '',
    `| | ${labels.join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
    ...labels.map((g) => `| **${g}** | ${labels.map((p) => count(g, p)).join(' | ')} |`),
    '',
  ];
}

export function renderReport(e: Evaluation, options: ReportOptions): string {
  const lines = [
    `## ${options.title}`,
    '',
    `Accuracy **${pct(e.accuracy)}** (${e.correct}/${e.total}), macro-F1 ${pct(e.macroF1)}.`,
    `Confidence < ${e.confidence.threshold}: ${e.confidence.low} messages (${pct(e.confidence.low / Math.max(1, e.total))}), ` +
      `right ${pct(e.confidence.accuracyLow)} of the time; above it, right ${pct(e.confidence.accuracyHigh)}.`,
    '',
    `| ${options.labelName ?? 'intent'} | support | precision | recall | F1 |`,
    '|---|---:|---:|---:|---:|',
    ...e.perLabel.map((m) => `| ${m.label} | ${m.support} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} |`),
    '',
    ...(options.matrix ? renderMatrix(e) : []),
    '### Top confusions',
    '',
  ];
  const top = e.confusions.slice(0, options.confusions ?? 15);
  if (top.length === 0) lines.push('None.');
  else {
    lines.push('| gold → predicted | count | examples |', '|---|---:|---|');
    for (const c of top) lines.push(`| ${c.label} → ${c.predicted} | ${c.count} | ${c.examples.map((x) => `“${cell(x)}”`).join('<br>')} |`);
  }
  return `${lines.join('\n')}\n`;
}

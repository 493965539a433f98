// A scripted intent reading for tests that drive the focusing and splitting rules without the
// classifier: what each clause is about is given, the rest of the probability spread evenly.
import type { IntentPrediction } from '../../../src/agent/offline/nlu/index.js';

/**
 * A reader over `labels`: reading(label, p, runnersUp) puts `label` at probability `p`, the
 * runners-up after it in their order, the rest evenly; ranked as the classifier ranks.
 */
export function scriptedReadings(labels: readonly string[]) {
  return function reading(label: string, p: number, runnersUp: string[] = []): IntentPrediction {
    const probabilities: Record<string, number> = {};
    const others = labels.filter((l) => l !== label);
    for (const l of others) probabilities[l] = (1 - p) / others.length;
    runnersUp.forEach((l, i) => (probabilities[l] = ((1 - p) / 2) * (1 - i * 0.3)));
    probabilities[label] = p;
    const top = Object.entries(probabilities)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([l, prob]) => ({ label: l, probability: prob }));
    return { label, confidence: p, lowConfidence: p < 0.5, probabilities, top };
  };
}

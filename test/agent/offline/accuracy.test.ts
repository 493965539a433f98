// Intent and tool-call accuracy on the labelled shopper messages. The held-out set was written
// before the model and is never tuned on; its figures are the honest ones.
import { describe, expect, it } from 'vitest';
import { loadItems, scoreSet } from './utterance-harness.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe('offline model accuracy on labelled shopper messages', () => {
  it('has at least 300 labelled messages, held-out kept apart from dev', () => {
    const dev = loadItems('dev');
    const heldout = loadItems('heldout');
    expect(dev.length + heldout.length).toBeGreaterThanOrEqual(300);
    const devTexts = new Set(dev.map((i) => i.text.toLowerCase()));
    expect(heldout.filter((i) => devTexts.has(i.text.toLowerCase()))).toEqual([]);
    // Several examples per intent in the held-out part.
    const perIntent = new Map<string, number>();
    for (const i of heldout) perIntent.set(i.intent, (perIntent.get(i.intent) ?? 0) + 1);
    for (const [intent, n] of perIntent) expect(n, intent).toBeGreaterThanOrEqual(3);
  });

  it('scores at least 90% intent and tool-call accuracy on the held-out set', async () => {
    const held = await scoreSet('heldout');
    const dev = await scoreSet('dev');
    console.log(
      `offline model — held-out (n=${held.results.length}): intent ${pct(held.intentAccuracy)}, tool call ${pct(held.toolAccuracy)}, schema-valid args ${pct(held.argsValid)}; ` +
        `dev (n=${dev.results.length}): intent ${pct(dev.intentAccuracy)}, tool call ${pct(dev.toolAccuracy)}`,
    );
    expect(held.argsValid).toBe(1);
    expect(dev.argsValid).toBe(1);
    expect(held.intentAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(held.toolAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});

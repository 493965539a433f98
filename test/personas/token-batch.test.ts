// The prompt token budget counted all at once: the registry hands every text it measures to a batch
// counter (Node: a child process, src/tokens/node.ts) instead of loading the counter in the
// server's own isolate, and gives the same verdicts as counting one text at a time.
import { describe, expect, it } from 'vitest';
import { createBundledPersonaSource, createPersonaRegistry, schemaToolDefinitions } from '../../src/personas/index.js';
import { countTokens } from '../../src/personas/tokens.js';
import { countTokensInChild, countTokensInWorker, countTokensOffThread } from '../../src/tokens/node.js';
import { SEGMENTS, filesWith, personaFile, shippedFiles } from './fixtures.js';

/** A batch counter that counts in this thread and remembers what it was asked. */
function recordingBatch() {
  const calls: string[][] = [];
  return {
    calls,
    count: (texts: readonly string[]) => {
      calls.push([...texts]);
      return Promise.resolve(texts.map((t) => countTokens(t)));
    },
  };
}

describe('the persona registry with a batch token counter', () => {
  it('refuses an over-budget persona, naming the same counts as the one-by-one counter', async () => {
    const files = filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'], body: 'Be helpful. '.repeat(40) }) });
    const options = { segments: SEGMENTS, tokenBudget: 60, toolDefinitions: schemaToolDefinitions, watch: false };
    const batch = recordingBatch();
    const viaBatch = createPersonaRegistry({ ...options, source: createBundledPersonaSource(files), countTokensBatch: batch.count });
    const oneByOne = createPersonaRegistry({ ...options, source: createBundledPersonaSource(files), countTokens });
    const [a, b] = await Promise.allSettled([viaBatch, oneByOne]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    const message = (r: PromiseSettledResult<unknown>) => String((r as PromiseRejectedResult).reason.message);
    expect(message(a)).toMatch(/prompts\/vip\.md:1: \d+ tokens \(system prompt \d+ \+ tool definitions \d+\) exceed the budget of 60/);
    expect(message(a)).toBe(message(b));
    expect(batch.calls).toHaveLength(1); // every text in one batch
  });

  it('counts nothing again on a reload that changed no text, and only the changed texts otherwise', async () => {
    let files = filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'] }) });
    const source = { ...createBundledPersonaSource(files), read: () => Promise.resolve(files) };
    const batch = recordingBatch();
    const registry = await createPersonaRegistry({
      source,
      segments: SEGMENTS,
      tokenBudget: 1500,
      toolDefinitions: schemaToolDefinitions,
      countTokensBatch: batch.count,
      watch: false,
    });
    expect(batch.calls).toHaveLength(1);
    expect((await registry.reload()).ok).toBe(true);
    expect(batch.calls).toHaveLength(1);
    files = filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'], body: 'You are the VIP concierge. Today is {{today}}.' }) });
    expect((await registry.reload()).ok).toBe(true);
    expect(batch.calls).toHaveLength(2);
    expect(batch.calls[1]!.length).toBe(1); // the vip prompt; neutral's and the tools' counts were kept
    expect(batch.calls[1]![0]).toContain('VIP concierge');
  });
});

describe('countTokensOffThread', () => {
  it('counts in a worker thread exactly what the counter here counts', async () => {
    const files = await shippedFiles();
    const texts = ['', 'Where is my order 28473?', 'Größe 38 – ist der Mantel wasserdicht? 🧥', ...Object.values(files).slice(0, 3)];
    const here = texts.map((t) => countTokens(t));
    expect(await countTokensInWorker(texts)).toEqual(here); // no fallback: the worker itself counted
    expect(await countTokensOffThread(texts)).toEqual(here);
    expect(await countTokensOffThread([])).toEqual([]);
  });

  it('counts in a child process exactly what the counter here counts', async () => {
    const files = await shippedFiles();
    const texts = ['', 'Where is my order 28473?', 'Größe 38 – ist der Mantel wasserdicht? 🧥', ...Object.values(files).slice(0, 3)];
    expect(await countTokensInChild(texts)).toEqual(texts.map((t) => countTokens(t))); // no fallback: the child itself counted
  });
});

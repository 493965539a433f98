import { describe, expect, it } from 'vitest';
import { createBundledPersonaSource, createPersonaRegistry, pickVariant, SAMPLE_CONTEXT } from '../../src/personas/index.js';
import { filesWith, personaFile, segment, shippedFiles } from './fixtures.js';

const ids = (n: number, prefix = 'c_') => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36)}${(i * 7919) % 1000}`);

function shares(variants: Array<{ id: string; weight: number }>, experiment: string, subjects: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of subjects) {
    const v = pickVariant(variants, s, experiment).id;
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / subjects.length]));
}

describe('sticky experiment assignment', () => {
  it('gives the same subject the same variant every time, and across registries', async () => {
    const files = await shippedFiles();
    const a = await createPersonaRegistry({ source: createBundledPersonaSource(files) });
    const b = await createPersonaRegistry({ source: createBundledPersonaSource(files) });
    for (const subject of ids(200)) {
      const input = { segment: segment('vip'), optOut: false, subjectId: subject, context: SAMPLE_CONTEXT };
      const first = a.resolve(input).variant;
      expect(a.resolve(input).variant).toBe(first);
      expect(b.resolve(input).variant).toBe(first);
    }
  });

  it('splits 10,000 ids within ±2 points of the configured weights', () => {
    const subjects = ids(10_000);
    const even = shares(
      [
        { id: 'a', weight: 50 },
        { id: 'b', weight: 50 },
      ],
      'vip-greeting',
      subjects,
    );
    expect(Math.abs(even.a! - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(even.b! - 0.5)).toBeLessThanOrEqual(0.02);
    const skewed = shares(
      [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 3 },
        { id: 'c', weight: 6 },
      ],
      'checkout-copy',
      subjects,
    );
    expect(Math.abs(skewed.a! - 0.1)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(skewed.b! - 0.3)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(skewed.c! - 0.6)).toBeLessThanOrEqual(0.02);
  });

  it('assigns independently per experiment: variant A of one says nothing about another', () => {
    const variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    const inA = ids(10_000).filter((s) => pickVariant(variants, s, 'exp-one').id === 'a');
    const share = shares(variants, 'exp-two', inA);
    expect(Math.abs(share.a! - 0.5)).toBeLessThanOrEqual(0.03);
  });

  it('uses session ids for anonymous shoppers the same way', () => {
    const variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    const split = shares(variants, 'vip-greeting', ids(10_000, 's_'));
    expect(Math.abs(split.a! - 0.5)).toBeLessThanOrEqual(0.02);
  });
});

describe('experiment status', () => {
  const vip = personaFile('vip', {
    segments: ['vip'],
    extra:
      'experiment: greet\nvariants:\n  - id: classic\n    weight: 1\n  - id: bold\n    weight: 1\n    greeting: Big hello!\n    body: Bold body. Today is {{today}}.',
  });
  const resolveAll = async (experiments?: string) => {
    const files = filesWith({ 'vip.md': vip, ...(experiments ? { 'experiments.yaml': experiments } : {}) });
    const registry = await createPersonaRegistry({ source: createBundledPersonaSource(files) });
    return ids(400).map((subjectId) => registry.resolve({ segment: segment('vip'), optOut: false, subjectId, context: SAMPLE_CONTEXT }));
  };

  it('a running experiment records its id and serves both variants with their overrides', async () => {
    const all = await resolveAll();
    expect(new Set(all.map((p) => p.variant))).toEqual(new Set(['classic', 'bold']));
    expect(all.every((p) => p.experimentId === 'greet')).toBe(true);
    const bold = all.find((p) => p.variant === 'bold')!;
    expect(bold.greeting).toBe('Big hello!');
    expect(bold.systemPrompt).toBe('Bold body. Today is 2025-03-05.\n');
    expect(all.find((p) => p.variant === 'classic')!.greeting).toBe('Hi there');
  });

  it('a stopped experiment gives everyone the winner and is no longer recorded', async () => {
    const all = await resolveAll('experiments:\n  greet:\n    status: stopped\n    winner: bold\n');
    expect(all.every((p) => p.variant === 'bold' && p.experimentId === null)).toBe(true);
  });

  it('stopped without a winner: the persona without overrides', async () => {
    const all = await resolveAll('experiments:\n  greet:\n    status: stopped\n');
    expect(all.every((p) => p.variant === null && p.greeting === 'Hi there')).toBe(true);
  });
});

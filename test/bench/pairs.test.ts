// The JSON-mode bench's verdict statistic (pairs.ts): a load that drifts over the run must not
// decide the verdict, and a disturbed pair must not count.
import { describe, expect, it } from 'vitest';
import { pairVerdict, pairsOf, spreadOf, type SlotRound } from './pairs.js';

const round = (variant: 'tailor' | 'bare', slot: number, cpuMs: number, perSec: number, disturbed = false): SlotRound => ({
  variant,
  slot,
  cpuMs,
  perSec,
  disturbed,
});

describe('per-pair ratios', () => {
  it('cancels a machine that slows down over the run, where per-variant medians do not', () => {
    // Tailor is 1.1× the bare loop's CPU throughout; the machine gets twice as slow half-way, and
    // A B B A puts more of Tailor's rounds in the slow half than the bare loop's.
    const speed = [1, 1, 1, 2, 2, 2, 2];
    const rounds = speed.flatMap((s, i) => [round('tailor', i, 2.2 * s, 500 / s), round('bare', i, 2 * s, 550 / s)]);
    const v = pairVerdict(rounds);
    expect(v.unsure).toBe(false);
    expect(v.cpu.median).toBeCloseTo(1.1, 6);
    expect(v.cpu.min).toBeCloseTo(1.1, 6);
    expect(v.cpu.max).toBeCloseTo(1.1, 6);
    expect(v.rate.median).toBeCloseTo(500 / 550, 6);
  });

  it('counts a slot by its last tries, and leaves a disturbed pair out', () => {
    const rounds = [
      round('tailor', 0, 9, 100, true), // disturbed, then measured again
      round('tailor', 0, 2.4, 500),
      round('bare', 0, 2, 550),
      round('bare', 1, 2, 550),
      round('tailor', 1, 5, 300, true), // its last try disturbed: the pair does not count
      round('tailor', 2, 2.2, 500),
      round('bare', 2, 2, 500),
      round('tailor', 3, 2.6, 500),
      round('bare', 3, 2, 500),
    ];
    const pairs = pairsOf(rounds);
    expect(pairs.map((p) => [p.slot, p.clean])).toEqual([
      [0, true],
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(pairs[0]!.cpu).toBeCloseTo(1.2, 6);
    const v = pairVerdict(rounds);
    expect(v.clean).toBe(3);
    expect(v.cpu.median).toBeCloseTo(1.2, 6);
    expect([v.cpu.min, v.cpu.max]).toEqual([expect.closeTo(1.1, 6), expect.closeTo(1.3, 6)]);
  });

  it('is unsure (not judged) with fewer than three clean pairs', () => {
    const rounds = [round('tailor', 0, 2, 500), round('bare', 0, 2, 500), round('tailor', 1, 2, 500), round('bare', 1, 2, 500, true)];
    expect(pairVerdict(rounds).unsure).toBe(true);
  });

  it('spreads: quartiles between the order statistics', () => {
    expect(spreadOf([4, 1, 3, 2, 5])).toEqual({ median: 3, min: 1, max: 5, q1: 2, q3: 4 });
    expect(spreadOf([1, 2])).toMatchObject({ median: 1.5, q1: 1.25, q3: 1.75 });
  });
});

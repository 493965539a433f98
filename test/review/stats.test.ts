// The A/B statistics against published, hand-checkable figures: Wilson intervals from
// Newcombe (1998a, Statistics in Medicine 17:857, Table I) and the hybrid score interval of a
// difference from Newcombe (1998b, Statistics in Medicine 17:873, Table II, method 10).
import { describe, expect, it } from 'vitest';
import { buildAbReport, newcombeDifference, rateEstimate, wilson, type ArmCounts } from '../../src/review/index.js';

describe('Wilson score interval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f] (Newcombe 1998a)', (k, n, lower, upper) => {
    const ci = wilson(k, n)!;
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('by hand: 8/10 — centre (0.8 + z²/20)/(1 + z²/10), half-width z/(1 + z²/10)·√(0.016 + z²/400)', () => {
    const z2 = 1.959963984540054 ** 2; // 3.841459
    const denom = 1 + z2 / 10; // 1.3841459
    const centre = (0.8 + z2 / 20) / denom; // 0.7167460
    const half = (Math.sqrt(z2) / denom) * Math.sqrt(0.016 + z2 / 400); // 0.2258…
    expect(wilson(8, 10)!.lower).toBeCloseTo(centre - half, 12);
    expect(wilson(8, 10)!.lower).toBeCloseTo(0.4902, 4);
    expect(wilson(8, 10)!.upper).toBeCloseTo(0.9433, 4);
  });

  it('stays inside [0, 1] at n/n, has no interval without trials, and refuses impossible counts', () => {
    expect(wilson(20, 20)).toEqual({ lower: expect.closeTo(0.8389, 4), upper: 1 });
    expect(wilson(0, 0)).toBeNull();
    expect(rateEstimate(0, 0)).toEqual({ k: 0, n: 0, rate: null, ci: null });
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(1.5, 2)).toThrow(RangeError);
  });
});

describe("Newcombe's hybrid score interval for a difference", () => {
  it.each([
    // k1, n1, k2, n2, lower, upper — Newcombe 1998b Table II, method 10, examples (a)–(h)
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i → [%f, %f]', (k1, n1, k2, n2, lower, upper) => {
    const d = newcombeDifference(k1, n1, k2, n2)!;
    expect(d.difference).toBeCloseTo(k1 / n1 - k2 / n2, 12);
    expect(d.ci.lower).toBeCloseTo(lower, 4);
    expect(d.ci.upper).toBeCloseTo(upper, 4);
    expect(d.significant).toBe(lower > 0 || upper < 0);
  });

  it('is antisymmetric: swapping the arms mirrors the interval', () => {
    const ab = newcombeDifference(30, 120, 45, 110)!;
    const ba = newcombeDifference(45, 110, 30, 120)!;
    expect(ab.ci.lower).toBeCloseTo(-ba.ci.upper, 12);
    expect(ab.ci.upper).toBeCloseTo(-ba.ci.lower, 12);
    expect(ab.significant).toBe(true); // 0.25 vs 0.409: [−0.2752, −0.0377]
    expect(ab.ci.lower).toBeCloseTo(-0.2752, 4);
    expect(ab.ci.upper).toBeCloseTo(-0.0377, 4);
  });

  it('has no interval when an arm has no trials', () => {
    expect(newcombeDifference(3, 10, 0, 0)).toBeNull();
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
  });
});

describe('buildAbReport', () => {
  const arm = (
    variant: string | null,
    conversations: number,
    converted: number,
    up: number,
    down: number,
    version = 'v1',
    persona = 'vip',
  ): ArmCounts => ({
    persona,
    version,
    variant,
    conversations,
    converted,
    up,
    down,
    firstAt: Date.UTC(2025, 5, 1),
    lastAt: Date.UTC(2025, 5, 6),
  });

  it('compares each arm with the control of the same persona and version, control first', () => {
    const groups = buildAbReport(
      [arm('stylist-first', 70, 56, 9, 1), arm('control', 80, 48, 3, 7), arm('control', 5, 1, 0, 0, 'v2')],
      'control',
    );
    expect(groups).toHaveLength(2);
    const [v1, v2] = groups;
    expect(v1!.control).toBe('control');
    expect(v1!.arms.map((a) => a.variant)).toEqual(['control', 'stylist-first']);
    expect(v1!.arms[0]!.vsControl).toBeNull();
    const sf = v1!.arms[1]!;
    expect(sf.conversion).toEqual({ k: 56, n: 70, rate: 0.8, ci: { lower: 0.6918, upper: 0.877 } });
    expect(sf.csat).toMatchObject({ k: 9, n: 10, rate: 0.9 });
    expect(sf.vsControl!.conversion).toEqual({ difference: 0.2, ci: { lower: 0.0524, upper: 0.3339 }, significant: true });
    expect(sf.vsControl!.csat).toEqual({ difference: 0.6, ci: { lower: 0.1705, upper: 0.809 }, significant: true });
    // v2 has only a control: nothing to compare, and no CSAT without ratings.
    expect(v2!.arms).toHaveLength(1);
    expect(v2!.arms[0]!.csat).toEqual({ k: 0, n: 0, rate: null, ci: null });
  });

  it('without an arm of that name there is no control and no comparison; a comparison with an empty CSAT arm is null', () => {
    const [g] = buildAbReport([arm('a', 10, 5, 0, 0), arm('b', 10, 6, 2, 2)], 'control');
    expect(g!.control).toBeNull();
    expect(g!.arms.every((a) => a.vsControl === null)).toBe(true);
    const [h] = buildAbReport([arm('a', 10, 5, 0, 0), arm('b', 10, 6, 2, 2)], 'a');
    expect(h!.arms[1]!.vsControl).toEqual({ conversion: { difference: 0.1, ci: expect.any(Object), significant: false }, csat: null });
  });

  it('an arm without a variant (no experiment) stands alone', () => {
    const [g] = buildAbReport([arm(null, 4, 1, 1, 0, 'v9', 'new-visitor')], 'control');
    expect(g).toMatchObject({
      persona: 'new-visitor',
      version: 'v9',
      control: null,
      arms: [{ variant: null, conversations: 4, vsControl: null }],
    });
  });
});

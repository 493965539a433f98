// Confidence intervals for the A/B figures: pure functions, no I/O.
//
// A rate (conversion, CSAT) gets the Wilson score interval: unlike the textbook p ± z·√(p(1−p)/n)
// it stays inside [0, 1] and does not collapse to a point at 0/n or n/n, which small experiment
// arms hit all the time. The difference between a variant and its control gets Newcombe's hybrid
// score interval (Newcombe 1998, "method 10"), built from the two Wilson intervals; it keeps the
// same good behaviour near 0 and 1 where the normal approximation (Wald) overshoots.

/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

export interface RateEstimate {
  /** Successes (conversations that converted, thumbs up). */
  k: number;
  /** Trials (conversations, ratings). */
  n: number;
  /** k / n, or null with no trials. */
  rate: number | null;
  /** 95 % Wilson score interval, or null with no trials. */
  ci: Interval | null;
}

export interface DifferenceEstimate {
  /** Variant rate minus control rate. */
  difference: number;
  /** 95 % Newcombe hybrid score interval of the difference. */
  ci: Interval;
  /** The interval excludes 0: the variant differs from the control at the 5 % level. */
  significant: boolean;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n)
    throw new RangeError(`need whole numbers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
}

/** The Wilson score interval of k successes in n trials; null when n is 0. */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  checkCounts(k, n);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Rounding can leave 1e-17 outside [0, 1] at k = 0 or k = n.
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export function rateEstimate(k: number, n: number): RateEstimate {
  return { k, n, rate: n > 0 ? k / n : null, ci: wilson(k, n) };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (variant minus control): the difference, widened on
 * each side by the Wilson distances of the two rates in the direction that side moves. Null when
 * either arm has no trials.
 */
export function newcombeDifference(k1: number, n1: number, k2: number, n2: number, z = Z95): DifferenceEstimate | null {
  const w1 = wilson(k1, n1, z);
  const w2 = wilson(k2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const difference = p1 - p2;
  const lower = difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2);
  const ci = { lower: Math.max(-1, lower), upper: Math.min(1, upper) };
  return { difference, ci, significant: ci.lower > 0 || ci.upper < 0 };
}

// The JSON-mode bench's verdict statistic: per-pair ratios. Its rounds run in slots, each slot one
// Tailor round and one bare-loop round back to back (A B, then B A, …). The machine's speed drifts
// over a run (other jobs come and go; the same bare loop moved between 1.9 and 3.3 ms a
// conversation across the rounds of one run), so a variant's median over the whole run mixes fast
// and slow stretches, and the two medians can come from different stretches. A slot's two rounds
// ran within seconds of each other, on about the same machine: their ratio cancels most of the
// drift. The verdict is the median of the slots' ratios, its spread printed beside it; a slot
// counts only when both its rounds were undisturbed (their last try, after any repeats).
import type { Variant } from './json-mode-servers.js';

export interface SlotRound {
  variant: Variant;
  /** The slot (A B or B A) the round was measured in. */
  slot: number;
  cpuMs: number;
  perSec: number;
  disturbed: boolean;
}

export interface Pair {
  slot: number;
  /** Tailor's CPU per conversation over the bare loop's, in the same slot. */
  cpu: number;
  /** Tailor's conversations per second over the bare loop's, in the same slot. */
  rate: number;
  /** Both rounds undisturbed: the pair counts for the verdict. */
  clean: boolean;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** The lower and upper quartiles (the middle half of the ratios lies between them). */
  q1: number;
  q3: number;
}

/** Each slot's pair: its last Tailor try against its last bare-loop try. Slots missing a side are left out. */
export function pairsOf(rounds: readonly SlotRound[]): Pair[] {
  const last = new Map<number, Partial<Record<Variant, SlotRound>>>();
  for (const r of rounds) {
    const slot = last.get(r.slot) ?? {};
    slot[r.variant] = r; // a later try replaces an earlier (disturbed) one
    last.set(r.slot, slot);
  }
  const pairs: Pair[] = [];
  for (const [slot, { tailor, bare }] of [...last].sort((a, b) => a[0] - b[0])) {
    if (!tailor || !bare) continue;
    pairs.push({ slot, cpu: tailor.cpuMs / bare.cpuMs, rate: tailor.perSec / bare.perSec, clean: !tailor.disturbed && !bare.disturbed });
  }
  return pairs;
}

/** Median, extremes and quartiles (linear interpolation between order statistics); NaN for none. */
export function spreadOf(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => {
    if (s.length === 0) return NaN;
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (i - lo);
  };
  return { median: at(0.5), min: s[0] ?? NaN, max: s.at(-1) ?? NaN, q1: at(0.25), q3: at(0.75) };
}

/** The ratios the verdict takes: over the clean pairs (all pairs, flagged unsure, when fewer than `min` are clean). */
export function pairVerdict(rounds: readonly SlotRound[], min = 3) {
  const pairs = pairsOf(rounds);
  const clean = pairs.filter((p) => p.clean);
  const used = clean.length >= min ? clean : pairs;
  return {
    pairs,
    clean: clean.length,
    unsure: clean.length < min,
    cpu: spreadOf(used.map((p) => p.cpu)),
    rate: spreadOf(used.map((p) => p.rate)),
  };
}

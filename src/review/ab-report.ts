// The A/B report from per-arm counts: pure, so every figure can be checked by hand.
import { newcombeDifference, rateEstimate, type DifferenceEstimate, type Interval, type RateEstimate } from './stats.js';

/** Counts for one arm: conversations of one persona, prompt version and variant. */
export interface ArmCounts {
  persona: string;
  version: string;
  variant: string | null;
  conversations: number;
  /** Conversations with a conversion event. */
  converted: number;
  /** Ratings on the arm's replies. */
  up: number;
  down: number;
  firstAt: number;
  lastAt: number;
}

export interface ArmReport {
  variant: string | null;
  conversations: number;
  firstAt: string;
  lastAt: string;
  /** Converted conversations / conversations. */
  conversion: RateEstimate;
  /** Thumbs up / ratings. */
  csat: RateEstimate;
  /** This arm minus the control; null for the control itself, or when there is no control to compare with. */
  vsControl: { conversion: DifferenceEstimate | null; csat: DifferenceEstimate | null } | null;
}

export interface GroupReport {
  persona: string;
  version: string;
  /** The arm the others are compared with, or null when this persona+version has no arm by that name. */
  control: string | null;
  arms: ArmReport[];
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const roundInterval = (ci: Interval | null) => (ci ? { lower: r4(ci.lower), upper: r4(ci.upper) } : null);
const roundRate = (e: RateEstimate): RateEstimate => ({ ...e, rate: e.rate === null ? null : r4(e.rate), ci: roundInterval(e.ci) });
const roundDiff = (d: DifferenceEstimate | null): DifferenceEstimate | null =>
  d ? { ...d, difference: r4(d.difference), ci: roundInterval(d.ci)! } : null;

function armReport(a: ArmCounts, control: ArmCounts | undefined): ArmReport {
  const compared = control && control !== a;
  return {
    variant: a.variant,
    conversations: a.conversations,
    firstAt: new Date(a.firstAt).toISOString(),
    lastAt: new Date(a.lastAt).toISOString(),
    conversion: roundRate(rateEstimate(a.converted, a.conversations)),
    csat: roundRate(rateEstimate(a.up, a.up + a.down)),
    vsControl: compared
      ? {
          // Significance is decided on the unrounded interval; only the figures shown are rounded.
          conversion: roundDiff(newcombeDifference(a.converted, a.conversations, control.converted, control.conversations)),
          csat: roundDiff(newcombeDifference(a.up, a.up + a.down, control.up, control.up + control.down)),
        }
      : null,
  };
}

/**
 * Groups arms by persona and prompt version (an experiment's arms are compared only within one
 * version of the prompt: a new version is a new experiment) and compares each arm with the arm
 * named `control`. Figures are rounded to 4 decimals.
 */
export function buildAbReport(arms: readonly ArmCounts[], control: string): GroupReport[] {
  const groups = new Map<string, ArmCounts[]>();
  for (const a of arms) {
    const key = `${a.persona}\u0000${a.version}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups.values()].map((g) => {
    const ctl = g.find((a) => a.variant === control);
    const ordered = ctl ? [ctl, ...g.filter((a) => a !== ctl)] : g;
    return { persona: g[0]!.persona, version: g[0]!.version, control: ctl ? control : null, arms: ordered.map((a) => armReport(a, ctl)) };
  });
}

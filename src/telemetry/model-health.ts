// Is the configured model answering? A ring of its most recent calls (the primary model only:
// the fallback's answers say nothing about it). Degraded when half or more of the recent calls
// failed, or every call of the last minute did; ok again once the latest calls succeed.

export interface ModelHealthOptions {
  /** Calls remembered. */
  size?: number;
  /** Calls older than this are forgotten. */
  maxAgeMs?: number;
  /** Failure share over the remembered calls that makes the model degraded. */
  failureRate?: number;
  /** Fewer remembered calls than this never make it degraded by rate alone. */
  minCalls?: number;
  /** This many successes in a row, the latest calls, make it ok again whatever came before. */
  recoverAfter?: number;
}

export interface ModelHealthState {
  status: 'ok' | 'degraded';
  reason: string | null;
  calls: number;
  failures: number;
  windowMs: number;
  lastFailure: { cause: string; at: string } | null;
}

export interface ModelHealth {
  record(ok: boolean, cause: string | null, at: number): void;
  state(now: number): ModelHealthState;
}

const MINUTE = 60_000;

export function createModelHealth(opts: ModelHealthOptions = {}): ModelHealth {
  const size = opts.size ?? 20;
  const maxAgeMs = opts.maxAgeMs ?? 5 * MINUTE;
  const limits = { threshold: opts.failureRate ?? 0.5, minCalls: opts.minCalls ?? 3, recoverAfter: opts.recoverAfter ?? 3 };
  // Parallel arrays as a ring: recording a call allocates nothing.
  const ring: Ring = {
    size,
    at: new Float64Array(size),
    ok: new Uint8Array(size),
    causes: new Array<string | null>(size).fill(null),
    next: 0,
    filled: 0,
  };

  return {
    record(success, cause, when) {
      ring.at[ring.next] = when;
      ring.ok[ring.next] = success ? 1 : 0;
      ring.causes[ring.next] = cause;
      ring.next = (ring.next + 1) % size;
      if (ring.filled < size) ring.filled++;
    },
    state(now) {
      const t = tally(ring, now, maxAgeMs);
      const lastFailure = t.last ? { cause: t.last.cause, at: new Date(t.last.at).toISOString() } : null;
      const base = { calls: t.calls, failures: t.failures, windowMs: maxAgeMs, lastFailure };
      return { ...verdict(t, limits), ...base };
    },
  };
}

interface Ring {
  size: number;
  at: Float64Array;
  ok: Uint8Array;
  causes: Array<string | null>;
  next: number;
  filled: number;
}

interface Tally {
  calls: number;
  failures: number;
  lastMinute: number;
  lastMinuteFailed: number;
  /** Successes in a row, newest first. */
  streak: number;
  last: { cause: string; at: number } | null;
  byCause: Map<string, number>;
}

/** Counts the remembered calls younger than `maxAgeMs`, newest first. */
function tally(ring: Ring, now: number, maxAgeMs: number): Tally {
  const t: Tally = { calls: 0, failures: 0, lastMinute: 0, lastMinuteFailed: 0, streak: 0, last: null, byCause: new Map() };
  let streakOpen = true;
  for (let k = 1; k <= ring.filled; k++) {
    const i = (ring.next - k + ring.size) % ring.size;
    if (now - ring.at[i]! > maxAgeMs) break; // newest first: everything further is older
    t.calls++;
    const good = ring.ok[i] === 1;
    if (streakOpen && good) t.streak++;
    else streakOpen = false;
    if (!good) {
      t.failures++;
      const cause = ring.causes[i] ?? 'other';
      t.byCause.set(cause, (t.byCause.get(cause) ?? 0) + 1);
      t.last ??= { cause, at: ring.at[i]! };
    }
    if (now - ring.at[i]! <= MINUTE) {
      t.lastMinute++;
      if (!good) t.lastMinuteFailed++;
    }
  }
  return t;
}

function verdict(
  t: Tally,
  limits: { threshold: number; minCalls: number; recoverAfter: number },
): Pick<ModelHealthState, 'status' | 'reason'> {
  if (t.failures === 0 || t.streak >= limits.recoverAfter) return { status: 'ok', reason: null };
  const causeText = [...t.byCause.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${n} ${c}`)
    .join(', ');
  if (t.lastMinute >= 2 && t.lastMinuteFailed === t.lastMinute) {
    return { status: 'degraded', reason: `all ${t.lastMinute} model calls of the last minute failed (${causeText})` };
  }
  if (t.calls >= limits.minCalls && t.failures / t.calls >= limits.threshold) {
    return { status: 'degraded', reason: `${t.failures} of the last ${t.calls} model calls failed (${causeText})` };
  }
  return { status: 'ok', reason: null };
}

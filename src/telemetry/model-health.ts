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
  const threshold = opts.failureRate ?? 0.5;
  const minCalls = opts.minCalls ?? 3;
  const recoverAfter = opts.recoverAfter ?? 3;
  // Parallel arrays as a ring: recording a call allocates nothing.
  const at = new Float64Array(size);
  const ok = new Uint8Array(size);
  const causes: Array<string | null> = new Array<string | null>(size).fill(null);
  let next = 0;
  let filled = 0;

  return {
    record(success, cause, when) {
      at[next] = when;
      ok[next] = success ? 1 : 0;
      causes[next] = cause;
      next = (next + 1) % size;
      if (filled < size) filled++;
    },
    state(now) {
      let calls = 0;
      let failures = 0;
      let lastMinute = 0;
      let lastMinuteFailed = 0;
      let streak = 0; // successes in a row, newest first
      let streakOpen = true;
      let last: { cause: string; at: number } | null = null;
      const byCause = new Map<string, number>();
      for (let k = 1; k <= filled; k++) {
        const i = (next - k + size) % size;
        if (now - at[i]! > maxAgeMs) break; // newest first: everything further is older
        calls++;
        const good = ok[i] === 1;
        if (streakOpen && good) streak++;
        else streakOpen = false;
        if (!good) {
          failures++;
          const cause = causes[i] ?? 'other';
          byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
          last ??= { cause, at: at[i]! };
        }
        if (now - at[i]! <= MINUTE) {
          lastMinute++;
          if (!good) lastMinuteFailed++;
        }
      }
      const lastFailure = last ? { cause: last.cause, at: new Date(last.at).toISOString() } : null;
      const base = { calls, failures, windowMs: maxAgeMs, lastFailure };
      if (failures === 0 || streak >= recoverAfter) return { status: 'ok', reason: null, ...base };
      const causeText = [...byCause.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${n} ${c}`)
        .join(', ');
      if (lastMinute >= 2 && lastMinuteFailed === lastMinute) {
        return {
          status: 'degraded',
          reason: `all ${lastMinute} model calls of the last minute failed (${causeText})`,
          ...base,
        };
      }
      if (calls >= minCalls && failures / calls >= threshold) {
        return {
          status: 'degraded',
          reason: `${failures} of the last ${calls} model calls failed (${causeText})`,
          ...base,
        };
      }
      return { status: 'ok', reason: null, ...base };
    },
  };
}

// Sliding-window counters (the two-bucket approximation): constant memory per key, no burst of
// 2× the limit at a window edge as a fixed window allows. `createRateLimiter` keeps them in
// memory, per process (Node); on Workers the app gets a Durable Object-backed limiter instead
// (src/fleet), which runs the same window arithmetic (`slidingWaitMs`) per key.
import { TailorError } from '../core/index.js';

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The app's seam: the in-memory limiter on Node, counters shared by every isolate on Workers. */
export interface RateLimiter {
  /** Counts one hit for each key, or none if any key is over its limit; returns seconds to wait. */
  take(keys: ReadonlyArray<{ key: string; limit: number }>, now: number): RateVerdict | Promise<RateVerdict>;
}

export interface MemoryRateLimiter extends RateLimiter {
  take(keys: ReadonlyArray<{ key: string; limit: number }>, now: number): RateVerdict;
  size(): number;
}

/**
 * Milliseconds to wait before one more hit fits under `limit`, 0 if it fits now. `previous` and
 * `current` are the counts of the window before the one that started at `start`, and of that one.
 */
export function slidingWaitMs(
  counts: { start: number; previous: number; current: number },
  limit: number,
  now: number,
  windowMs: number,
): number {
  const { start, previous: prev, current: cur } = counts;
  const elapsed = (now - start) / windowMs;
  if (prev * (1 - elapsed) + cur + 1 <= limit) return 0;
  if (cur + 1 <= limit) {
    // The previous bucket's weight decays linearly; wait until it has decayed enough.
    return Math.max(1, ((prev * (1 - elapsed) + cur + 1 - limit) / prev) * windowMs);
  }
  // This bucket alone is full: it becomes the decaying one at the next window edge.
  const untilEdge = start + windowMs - now;
  return untilEdge + Math.max(0, 1 - (limit - 1) / cur) * windowMs;
}

/** One key's counts moved to the window `now` falls in (a key kept on its own, as on Workers). */
export function rollCounts(
  counts: { start: number; previous: number; current: number },
  now: number,
  windowMs: number,
): { start: number; previous: number; current: number } {
  const bucket = Math.floor(now / windowMs) * windowMs;
  if (bucket === counts.start) return counts;
  return { start: bucket, previous: bucket - counts.start === windowMs ? counts.current : 0, current: 0 };
}

export function createRateLimiter(windowMs = 60_000): MemoryRateLimiter {
  let start = 0;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();

  function roll(now: number) {
    const bucket = Math.floor(now / windowMs) * windowMs;
    if (bucket === start) return;
    // Only the bucket just before this one still carries weight; older counts are dropped.
    previous = bucket - start === windowMs ? current : new Map();
    current = new Map();
    start = bucket;
  }

  function waitMs(key: string, limit: number, now: number): number {
    return slidingWaitMs({ start, previous: previous.get(key) ?? 0, current: current.get(key) ?? 0 }, limit, now, windowMs);
  }

  return {
    take(keys, now) {
      roll(now);
      let wait = 0;
      for (const { key, limit } of keys) if (limit > 0) wait = Math.max(wait, waitMs(key, limit, now));
      if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
      for (const { key, limit } of keys) if (limit > 0) current.set(key, (current.get(key) ?? 0) + 1);
      return { ok: true };
    },
    size: () => current.size + previous.size,
  };
}

export function rateLimited(retryAfterSeconds: number): TailorError {
  return new TailorError('rate_limited', 'Too many messages; please wait a moment', { retryAfterSeconds });
}

// In-memory sliding-window counters (the two-bucket approximation): constant memory per key,
// no burst of 2× the limit at a window edge as a fixed window allows. Per process; on Workers
// that means per isolate unless a platform rate-limit binding is configured.
import { TailorError } from '../core/index.js';

export interface RateLimiter {
  /** Counts one hit for each key, or none if any key is over its limit; returns seconds to wait. */
  take(keys: ReadonlyArray<{ key: string; limit: number }>, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  size(): number;
}

export function createRateLimiter(windowMs = 60_000): RateLimiter {
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
    const elapsed = (now - start) / windowMs;
    const prev = previous.get(key) ?? 0;
    const cur = current.get(key) ?? 0;
    if (prev * (1 - elapsed) + cur + 1 <= limit) return 0;
    if (cur + 1 <= limit) {
      // The previous bucket's weight decays linearly; wait until it has decayed enough.
      return Math.max(1, ((prev * (1 - elapsed) + cur + 1 - limit) / prev) * windowMs);
    }
    // This bucket alone is full: it becomes the decaying one at the next window edge.
    const untilEdge = start + windowMs - now;
    return untilEdge + Math.max(0, 1 - (limit - 1) / cur) * windowMs;
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

// The Workers side of the app's two seams: a TurnLock and a RateLimiter whose state lives in
// Durable Objects (turn-lease.ts, rate-counter.ts), so they hold across isolates and locations.
import { silentLogger, TailorError, type Logger } from '../core/index.js';
import type { TurnLock } from '../chat/index.js';
import type { RateLimiter, RateVerdict } from '../http/index.js';
import { AcquireAnswer, HeldAnswer } from './turn-lease.js';
import { TakeAnswer } from './rate-counter.js';
import { call, stubFor, type DurableNamespace } from './types.js';

export interface DurableTurnLockOptions {
  /** How long a lease lasts without renewal: the longest a crashed isolate can hold a conversation. */
  ttlMs?: number;
  /** The holder renews this often while its turn runs. */
  renewEveryMs?: number;
  /** How long a second turn of the same conversation waits before a 429 with Retry-After. */
  waitMs?: number;
  logger?: Logger;
}

export function createDurableTurnLock(ns: DurableNamespace, opts: DurableTurnLockOptions = {}): TurnLock {
  const ttlMs = opts.ttlMs ?? 30_000;
  const renewEveryMs = opts.renewEveryMs ?? Math.max(10, Math.floor(ttlMs / 3));
  const waitMs = opts.waitMs ?? 60_000;
  const logger = opts.logger ?? silentLogger;
  return {
    async acquire(key) {
      const stub = stubFor(ns, `turn:${key}`);
      const token = crypto.randomUUID();
      let answer: ReturnType<typeof AcquireAnswer.parse>;
      try {
        answer = AcquireAnswer.parse(await call(stub, '/acquire', { token, ttlMs, waitMs }));
      } catch (err) {
        logger.error('turn_lease_unavailable', { error: err instanceof Error ? err.message : String(err) });
        throw new TailorError('upstream_unavailable', 'The conversation is busy; please try again');
      }
      if (!answer.ok) {
        throw new TailorError('rate_limited', 'The previous message in this conversation is still being answered; please wait a moment', {
          retryAfterSeconds: Math.max(1, Math.ceil(answer.retryAfterMs / 1000)),
        });
      }
      const renewal = setInterval(() => {
        call(stub, '/renew', { token, ttlMs })
          .then((r) => {
            if (!HeldAnswer.parse(r).ok) logger.warn('turn_lease_lost', { ttlMs });
          })
          .catch((err: unknown) => logger.warn('turn_lease_renew_failed', { error: err instanceof Error ? err.message : String(err) }));
      }, renewEveryMs);
      let released = false;
      return {
        waited: answer.waited,
        async release() {
          if (released) return;
          released = true;
          clearInterval(renewal);
          // Never throws: a lease that cannot be released expires on its own after ttlMs.
          await call(stub, '/release', { token }).catch((err: unknown) =>
            logger.warn('turn_lease_release_failed', { error: err instanceof Error ? err.message : String(err) }),
          );
        },
      };
    },
  };
}

export interface DurableRateLimiterOptions {
  windowMs?: number;
  logger?: Logger;
}

/**
 * One object per key (session or customer, client address). A request refused by one key gives
 * back the hit the others counted, as the in-memory limiter never counts it. If the objects
 * cannot be reached, the request is let through and a warning logged: chat keeps working.
 */
export function createDurableRateLimiter(ns: DurableNamespace, opts: DurableRateLimiterOptions = {}): RateLimiter {
  const windowMs = opts.windowMs ?? 60_000;
  const logger = opts.logger ?? silentLogger;
  return {
    async take(keys): Promise<RateVerdict> {
      const results = await Promise.all(
        keys
          .filter((k) => k.limit > 0)
          .map(async ({ key, limit }) => {
            const stub = stubFor(ns, `rate:${key}`);
            try {
              return { stub, counted: true, verdict: TakeAnswer.parse(await call(stub, '/take', { limit, windowMs })) };
            } catch (err) {
              logger.warn('rate_limit_unavailable', { error: err instanceof Error ? err.message : String(err) });
              return { stub, counted: false, verdict: { ok: true } as const };
            }
          }),
      );
      let retryAfterSeconds = 0;
      for (const r of results) if (!r.verdict.ok) retryAfterSeconds = Math.max(retryAfterSeconds, r.verdict.retryAfterSeconds);
      if (retryAfterSeconds === 0) return { ok: true };
      await Promise.all(
        results.filter((r) => r.verdict.ok && r.counted).map((r) => call(r.stub, '/refund', { windowMs }).catch(() => undefined)),
      );
      return { ok: false, retryAfterSeconds };
    },
  };
}

// Attempts at a secret (in-chat verification, the admin token, demo tokens), counted per key in
// the database: a target email, an order number, a session, a client address. Counting happens
// before the secret is checked, in one upsert that returns the new count, so parallel or
// repeated tries cannot outrun a limit. A key over its limit is locked for a time that doubles
// with every lock-out (reset after a quiet day); locks hold across conversations, restarts and
// Workers isolates alike.
import { and, eq, lte, sql } from 'drizzle-orm';
import { authFailures, type Db } from '../db/index.js';

export interface GuardRule {
  /** Attempts allowed per window before the key locks. */
  limit: number;
  windowMs: number;
  /** The first lock-out; each later one doubles, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const QUIET_RESET_MS = 24 * HOUR;
/** How often a process (or isolate) deletes the rows that no longer matter, on its next attempt. */
const SWEEP_EVERY_MS = MIN;
const lastSweep = new WeakMap<Db, number>();

/**
 * How many clients' budgets one IPv6 /48 (a site: 65,536 clients' /64s) gets together, in every per-client limit: a
 * site holder rotating /64s meets it; a few people on one site still fit.
 */
export const NETWORK_SHARE = 4;

/** A per-client rule as its /48 counts it: `share` clients' attempts, the same window and lock-outs. */
export const networkRule = (rule: GuardRule, share = NETWORK_SHARE): GuardRule => ({ ...rule, limit: rule.limit * share });

/** The guards, as data (policy): who may try how often. */
export const AUTH_GUARDS = {
  /**
   * One target account (by email, and by order number) tried from one client: a stranger who knows the email locks
   * only their own tries at it. A day's window, so pacing gains nothing: at most 25 checked guesses in any day (5,
   * then locks of 1, 2, 4, 8 h, then 16 h).
   */
  verifyTargetClient: { limit: 5, windowMs: 24 * HOUR, lockMs: HOUR, maxLockMs: 24 * HOUR },
  /**
   * One target account from every client together: the ceiling on guesses from many addresses, above what one
   * client can reach in a day (25), so one stranger never locks the owner out; several together do, first for an hour.
   */
  verifyTarget: { limit: 30, windowMs: 24 * HOUR, lockMs: HOUR, maxLockMs: 24 * HOUR },
  verifySession: { limit: 10, windowMs: HOUR, lockMs: 30 * MIN, maxLockMs: 24 * HOUR },
  verifyClient: { limit: 20, windowMs: HOUR, lockMs: 30 * MIN, maxLockMs: 24 * HOUR },
  /** Wrong admin bearer tokens from one address. */
  admin: { limit: 10, windowMs: 5 * MIN, lockMs: 5 * MIN, maxLockMs: 6 * HOUR },
  /** Demo token requests from one address (each is a secret-free lookup, but an oracle if unthrottled). */
  demoToken: { limit: 20, windowMs: 10 * MIN, lockMs: 10 * MIN, maxLockMs: HOUR },
} as const satisfies Record<string, GuardRule>;

export interface GuardKey {
  key: string;
  rule: GuardRule;
}

export type GuardVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** SHA-256 hex of a value, so emails and addresses become keys without being stored. */
export async function digest(value: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32);
}

/**
 * Counts one attempt on every key; refuses when any key is locked or this attempt goes over its
 * limit (which locks that key). The attempt is counted even when it is refused for another key.
 */
export async function takeAttempt(db: Db, keys: readonly GuardKey[], now: number): Promise<GuardVerdict> {
  await sweep(db, now);
  let retryAfterMs = 0;
  for (const { key, rule } of keys) {
    const row = await countOne(db, key, rule, now);
    if (row.lockedUntil > now) {
      retryAfterMs = Math.max(retryAfterMs, row.lockedUntil - now);
    } else if (row.failures > rule.limit) {
      const lockMs = Math.min(rule.lockMs * 2 ** Math.min(row.locks, 16), rule.maxLockMs);
      await db
        .update(authFailures)
        .set({ lockedUntil: now + lockMs, locks: row.locks + 1, failures: 0, windowStart: now, updatedAt: now })
        .where(eq(authFailures.key, key));
      retryAfterMs = Math.max(retryAfterMs, lockMs);
    }
  }
  return retryAfterMs > 0 ? { ok: false, retryAfterMs } : { ok: true };
}

/**
 * Counts an attempt in stages: a later stage is counted only when every earlier one let it through. So tries refused
 * for the guesser's own keys (their session, their client) never add to a key shared with others (the target's).
 */
export async function takeAttemptStaged(db: Db, stages: ReadonlyArray<readonly GuardKey[]>, now: number): Promise<GuardVerdict> {
  for (const keys of stages) {
    const verdict = await takeAttempt(db, keys, now);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}

/** Gives back one attempt (a success on the target keys: the owner is not punished for typos). */
export async function refundAttempt(db: Db, keys: readonly string[], now: number): Promise<void> {
  for (const key of keys) {
    await db
      .update(authFailures)
      .set({ failures: sql`max(${authFailures.failures} - 1, 0)`, updatedAt: now })
      .where(eq(authFailures.key, key));
  }
}

/** Seconds until every key is free again (0 when none is locked): for a 429's Retry-After. */
export async function lockedFor(db: Db, keys: readonly string[], now: number): Promise<number> {
  let ms = 0;
  for (const key of keys) {
    const [row] = await db.select({ lockedUntil: authFailures.lockedUntil }).from(authFailures).where(eq(authFailures.key, key)).limit(1);
    if (row && row.lockedUntil > now) ms = Math.max(ms, row.lockedUntil - now);
  }
  return ms;
}

async function countOne(db: Db, key: string, rule: GuardRule, now: number) {
  const t = authFailures;
  const locked = sql`${t.lockedUntil} > ${now}`;
  const expired = sql`${t.windowStart} <= ${now - rule.windowMs}`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStart: now, lockedUntil: 0, locks: 0, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${locked} then ${t.failures} when ${expired} then 1 else ${t.failures} + 1 end`,
        windowStart: sql`case when ${locked} then ${t.windowStart} when ${expired} then ${now} else ${t.windowStart} end`,
        locks: sql`case when ${t.updatedAt} <= ${now - QUIET_RESET_MS} then 0 else ${t.locks} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil, locks: t.locks });
  return row!;
}

/**
 * Deletes the keys that no longer hold anything: unlocked, and untouched for a quiet day, which is past every
 * rule's window (the longest is a day) and resets the lock-out count, so such a row counts exactly as no row.
 * Runs on the write path (at most once a minute per process or isolate), so it needs no timer on Node or Workers.
 */
async function sweep(db: Db, now: number): Promise<void> {
  const last = lastSweep.get(db);
  if (last !== undefined && now - last < SWEEP_EVERY_MS && now >= last) return;
  lastSweep.set(db, now);
  await db.delete(authFailures).where(and(lte(authFailures.lockedUntil, now), lte(authFailures.updatedAt, now - QUIET_RESET_MS)));
}

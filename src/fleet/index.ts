// Fleet-wide state for Workers: a conversation's turn lease and the chat rate-limit counters
// live in Durable Objects (exported from src/worker.ts, bound in wrangler.toml), behind the same
// TurnLock and RateLimiter seams the Node server fills with in-memory ones.
export { TurnLease } from './turn-lease.js';
export { RateCounter } from './rate-counter.js';
export { createDurableTurnLock, createDurableRateLimiter, type DurableTurnLockOptions, type DurableRateLimiterOptions } from './clients.js';
export type { DurableNamespace, DurableState, DurableStorage, DurableStub } from './types.js';

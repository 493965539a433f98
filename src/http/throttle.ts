// A 429 for a route that checks a secret, with the wait in Retry-After (errors.ts sets the header).
import { TailorError } from '../core/index.js';

export function throttled(retryAfterMs: number, message: string): TailorError {
  return new TailorError('rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

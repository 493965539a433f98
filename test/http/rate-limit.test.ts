import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/http/rate-limit.js';

const MIN = 60_000;

describe('sliding-window rate limiter', () => {
  it('allows exactly the limit within a window, then asks to wait', () => {
    const rl = createRateLimiter(MIN);
    const t0 = 10 * MIN;
    for (let i = 0; i < 3; i++) expect(rl.take([{ key: 's:a', limit: 3 }], t0 + i).ok).toBe(true);
    const denied = rl.take([{ key: 's:a', limit: 3 }], t0 + 10);
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(60);
  });

  it('keeps keys apart and treats 0 as unlimited', () => {
    const rl = createRateLimiter(MIN);
    expect(rl.take([{ key: 's:a', limit: 1 }], 0).ok).toBe(true);
    expect(rl.take([{ key: 's:b', limit: 1 }], 1).ok).toBe(true);
    expect(rl.take([{ key: 's:a', limit: 1 }], 2).ok).toBe(false);
    for (let i = 0; i < 1000; i++) expect(rl.take([{ key: 's:c', limit: 0 }], 3).ok).toBe(true);
  });

  it('does not count a request refused by another key', () => {
    const rl = createRateLimiter(MIN);
    expect(
      rl.take(
        [
          { key: 's:a', limit: 5 },
          { key: 'ip:1', limit: 1 },
        ],
        0,
      ).ok,
    ).toBe(true);
    expect(
      rl.take(
        [
          { key: 's:a', limit: 5 },
          { key: 'ip:1', limit: 1 },
        ],
        1,
      ).ok,
    ).toBe(false);
    // s:a has used 1 of 5, not 2: four more pass once the address is not involved.
    for (let i = 0; i < 4; i++) expect(rl.take([{ key: 's:a', limit: 5 }], 2).ok).toBe(true);
    expect(rl.take([{ key: 's:a', limit: 5 }], 3).ok).toBe(false);
  });

  it('slides: the previous window still weighs in, then decays', () => {
    const rl = createRateLimiter(MIN);
    for (let i = 0; i < 10; i++) rl.take([{ key: 'k', limit: 10 }], 0);
    // Just after the edge almost all of the previous 10 still count.
    const early = rl.take([{ key: 'k', limit: 10 }], MIN + 1000);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Half-way through, half of them count: 5 more fit, the sixth does not.
    let passed = 0;
    for (let i = 0; i < 10; i++) if (rl.take([{ key: 'k', limit: 10 }], MIN + MIN / 2).ok) passed++;
    expect(passed).toBe(5);
    // Two windows later the slate is clean.
    expect(rl.take([{ key: 'k', limit: 10 }], 3 * MIN + 1).ok).toBe(true);
  });

  it('Retry-After is honest: waiting that long gets through', () => {
    for (const start of [0, 17_000, 59_000]) {
      const r = createRateLimiter(MIN);
      const t = 5 * MIN + start;
      for (let i = 0; i < 30; i++) r.take([{ key: 'k', limit: 30 }], t);
      const denied = r.take([{ key: 'k', limit: 30 }], t + 1);
      expect(denied.ok).toBe(false);
      if (denied.ok) continue;
      expect(r.take([{ key: 'k', limit: 30 }], t + 1 + denied.retryAfterSeconds * 1000 - 2000).ok).toBe(false);
      expect(r.take([{ key: 'k', limit: 30 }], t + 1 + denied.retryAfterSeconds * 1000).ok).toBe(true);
    }
  });

  it('forgets idle keys, so memory follows active shoppers only', () => {
    const rl = createRateLimiter(MIN);
    for (let i = 0; i < 500; i++) rl.take([{ key: `s:${i}`, limit: 30 }], 0);
    expect(rl.size()).toBe(500);
    rl.take([{ key: 's:new', limit: 30 }], 2 * MIN + 1);
    expect(rl.size()).toBe(1);
  });
});

// One rate-limit key's sliding-window counts (a session, a customer or a client address), held
// in a Durable Object so every isolate counts against the same numbers. Same arithmetic as the
// Node server's in-memory limiter (src/http/rate-limit.ts); the counts are kept in storage, and
// an alarm clears them once the key has been idle for two windows.
import { z } from 'zod';
import { rollCounts, slidingWaitMs } from '../http/index.js';
import type { DurableState } from './types.js';

export const TakeRequest = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(1000).max(86_400_000),
});
export const RefundRequest = z.object({ windowMs: z.number().int().min(1000).max(86_400_000) });
export const TakeAnswer = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), retryAfterSeconds: z.number().int().min(1) }),
]);

interface Counts {
  start: number;
  previous: number;
  current: number;
}

const EMPTY: Counts = { start: 0, previous: 0, current: 0 };

export class RateCounter {
  private counts: Counts = EMPTY;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly state: DurableState,
    _env?: unknown,
    private readonly clock: () => number = Date.now,
  ) {
    this.loaded = state.blockConcurrencyWhile(async () => {
      this.counts = (await state.storage.get<Counts>('counts')) ?? EMPTY;
    });
  }

  async fetch(request: Request): Promise<Response> {
    await this.loaded;
    const path = new URL(request.url).pathname;
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return Response.json({ error: 'body must be JSON' }, { status: 400 });
    }
    if (path === '/take') {
      const req = TakeRequest.safeParse(body);
      if (!req.success) return Response.json({ error: req.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
      return Response.json(await this.take(req.data.limit, req.data.windowMs));
    }
    if (path === '/refund') {
      const req = RefundRequest.safeParse(body);
      if (!req.success) return Response.json({ error: req.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
      await this.refund(req.data.windowMs);
      return Response.json({ ok: true });
    }
    return Response.json({ error: `no route ${path}` }, { status: 404 });
  }

  /** Counts one hit unless it would go over `limit`; then says how long to wait. */
  private async take(limit: number, windowMs: number): Promise<z.infer<typeof TakeAnswer>> {
    const now = this.clock();
    this.counts = rollCounts(this.counts, now, windowMs);
    const wait = slidingWaitMs(this.counts, limit, now, windowMs);
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    this.counts = { ...this.counts, current: this.counts.current + 1 };
    await this.state.storage.put('counts', this.counts);
    // Two windows after the last hit nothing of it counts any more.
    await this.state.storage.setAlarm(now + 2 * windowMs);
    return { ok: true };
  }

  /** Gives back a hit that another key refused (the request was not served). */
  private async refund(windowMs: number): Promise<void> {
    this.counts = rollCounts(this.counts, this.clock(), windowMs);
    if (this.counts.current === 0) return;
    this.counts = { ...this.counts, current: this.counts.current - 1 };
    await this.state.storage.put('counts', this.counts);
  }

  async alarm(): Promise<void> {
    await this.loaded;
    this.counts = EMPTY;
    await this.state.storage.deleteAll();
  }
}

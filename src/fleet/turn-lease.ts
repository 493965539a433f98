// One conversation's turn lease, held in a Durable Object so every isolate sees the same one.
// A turn acquires it before reading the conversation and releases it after the commit; a
// second turn of the same conversation waits in line (FIFO) and is handed the lease when the
// first releases it. The lease expires (`ttlMs`, renewed by the holder while the turn runs), so
// an isolate that crashed mid-turn holds the conversation for at most one lease period. The
// lease is kept in the object's storage: an object restarted meanwhile (a deploy, an eviction)
// still knows it is held.
import { z } from 'zod';
import type { DurableState } from './types.js';

const Token = z.string().min(8).max(100);
export const AcquireRequest = z.object({
  token: Token,
  ttlMs: z.number().int().min(50).max(600_000),
  waitMs: z.number().int().min(0).max(600_000),
});
export const RenewRequest = z.object({ token: Token, ttlMs: z.number().int().min(50).max(600_000) });
export const ReleaseRequest = z.object({ token: Token });
export const AcquireAnswer = z.union([
  z.object({ ok: z.literal(true), waited: z.boolean() }),
  z.object({ ok: z.literal(false), retryAfterMs: z.number() }),
]);
export const HeldAnswer = z.object({ ok: z.boolean() });

interface Lease {
  token: string;
  expiresAt: number;
}

/** What survives a restart: the current lease and how many were ever granted. */
interface Stored {
  lease: Lease | null;
  grants: number;
}

interface Waiter {
  token: string;
  ttlMs: number;
  answer(a: z.infer<typeof AcquireAnswer>): void;
  timer: ReturnType<typeof setTimeout>;
}

export class TurnLease {
  private lease: Lease | null = null;
  private grants = 0;
  private readonly queue: Waiter[] = [];
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly state: DurableState,
    _env?: unknown,
    private readonly clock: () => number = Date.now,
  ) {
    this.loaded = state.blockConcurrencyWhile(async () => {
      const stored = await state.storage.get<Stored>('lease');
      if (stored) {
        this.lease = stored.lease;
        this.grants = stored.grants;
      }
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
    const parsed =
      path === '/acquire'
        ? AcquireRequest.safeParse(body)
        : path === '/renew'
          ? RenewRequest.safeParse(body)
          : path === '/release'
            ? ReleaseRequest.safeParse(body)
            : null;
    if (!parsed) return Response.json({ error: `no route ${path}` }, { status: 404 });
    if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? 'bad request' }, { status: 400 });
    if (path === '/acquire') return Response.json(await this.acquire(parsed.data as z.infer<typeof AcquireRequest>));
    if (path === '/renew') return Response.json(await this.renew(parsed.data as z.infer<typeof RenewRequest>));
    return Response.json(await this.release(parsed.data.token));
  }

  private free(now: number): boolean {
    return this.lease === null || this.lease.expiresAt <= now;
  }

  private async acquire(req: z.infer<typeof AcquireRequest>): Promise<z.infer<typeof AcquireAnswer>> {
    if (this.queue.length === 0 && this.free(this.clock())) {
      // Someone held it before: they may have committed after the caller read the conversation.
      const waited = this.grants > 0;
      await this.grant(req.token, req.ttlMs);
      return { ok: true, waited };
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        token: req.token,
        ttlMs: req.ttlMs,
        answer: resolve,
        timer: setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i < 0) return;
          this.queue.splice(i, 1);
          resolve({ ok: false, retryAfterMs: Math.max(1, (this.lease?.expiresAt ?? this.clock()) - this.clock()) });
        }, req.waitMs),
      };
      this.queue.push(waiter);
      void this.handOver();
    });
  }

  private async renew(req: z.infer<typeof RenewRequest>): Promise<{ ok: boolean }> {
    // A holder whose lease expired and went to the next turn has lost it: it must not take it back.
    if (this.lease?.token !== req.token || this.free(this.clock())) return { ok: false };
    this.lease = { token: req.token, expiresAt: this.clock() + req.ttlMs };
    await this.persist();
    this.watchExpiry();
    return { ok: true };
  }

  private async release(token: string): Promise<{ ok: boolean }> {
    if (this.lease?.token !== token) return { ok: false }; // expired and handed over: nothing to do
    this.lease = null;
    await this.persist();
    await this.handOver();
    return { ok: true };
  }

  /** The lease goes to the first waiter as soon as it is free (released or expired). */
  private async handOver(): Promise<void> {
    if (this.queue.length === 0 || !this.free(this.clock())) {
      this.watchExpiry();
      return;
    }
    const next = this.queue.shift()!;
    clearTimeout(next.timer);
    await this.grant(next.token, next.ttlMs);
    next.answer({ ok: true, waited: true });
  }

  private async grant(token: string, ttlMs: number): Promise<void> {
    // Set before the write: nobody else can be granted it meanwhile.
    this.lease = { token, expiresAt: this.clock() + ttlMs };
    this.grants++;
    await this.persist();
    this.watchExpiry();
  }

  /** While turns wait, a holder that stops renewing (crashed) loses the lease when it expires. */
  private watchExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    if (this.queue.length === 0 || !this.lease) return;
    this.expiryTimer = setTimeout(() => void this.handOver(), Math.max(0, this.lease.expiresAt - this.clock()) + 1);
  }

  private persist(): Promise<void> {
    return this.state.storage.put<Stored>('lease', { lease: this.lease, grants: this.grants });
  }
}

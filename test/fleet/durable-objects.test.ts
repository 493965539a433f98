// The Durable Object classes of src/fleet run in Node here against an in-memory storage with the
// same API, the way workerd calls them (one instance per name, fetch with a JSON body), so the
// lease's expiry, hand-over and restart behaviour can be timed; test/e2e/workerd-fleet.test.ts
// runs them under workerd.
import { describe, expect, it } from 'vitest';
import {
  RateCounter,
  TurnLease,
  createDurableRateLimiter,
  createDurableTurnLock,
  type DurableNamespace,
  type DurableState,
} from '../../src/fleet/index.js';
import { TailorError } from '../../src/core/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The storage API slice, kept in a Map that outlives any one instance (as the object's disk does). */
function memoryState(): DurableState & { data: Map<string, unknown>; alarm: number | null } {
  const data = new Map<string, unknown>();
  const state = {
    data,
    alarm: null as number | null,
    storage: {
      get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
      put: async <T>(key: string, value: T) => void data.set(key, structuredClone(value)),
      deleteAll: async () => {
        data.clear();
        state.alarm = null;
      },
      setAlarm: async (at: number) => void (state.alarm = at),
    },
    blockConcurrencyWhile: <T>(fn: () => Promise<T>) => fn(),
  };
  return state;
}

async function post(obj: { fetch(r: Request): Promise<Response> }, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await obj.fetch(new Request(`https://do${path}`, { method: 'POST', body: JSON.stringify(body) }));
  return { status: res.status, json: await res.json() };
}

const token = (n: number) => `token-${String(n).padStart(4, '0')}`;

describe('TurnLease (one conversation)', () => {
  it('hands the lease to waiting turns one at a time, in arrival order', async () => {
    const lease = new TurnLease(memoryState());
    const first = await post(lease, '/acquire', { token: token(1), ttlMs: 5000, waitMs: 5000 });
    expect(first.json).toEqual({ ok: true, waited: false });
    const order: number[] = [];
    const waiting = [2, 3, 4].map((n) =>
      post(lease, '/acquire', { token: token(n), ttlMs: 5000, waitMs: 5000 }).then((r) => (order.push(n), r)),
    );
    await sleep(30);
    expect(order).toEqual([]); // nobody gets in while turn 1 holds it
    expect((await post(lease, '/release', { token: token(1) })).json).toEqual({ ok: true });
    await sleep(10);
    expect(order).toEqual([2]);
    // A stale or foreign token cannot release someone else's lease.
    expect((await post(lease, '/release', { token: token(1) })).json).toEqual({ ok: false });
    expect((await post(lease, '/release', { token: token(3) })).json).toEqual({ ok: false });
    expect(order).toEqual([2]);
    await post(lease, '/release', { token: token(2) });
    await sleep(10);
    await post(lease, '/release', { token: token(3) });
    const results = await Promise.all(waiting);
    expect(order).toEqual([2, 3, 4]);
    for (const r of results) expect(r.json).toEqual({ ok: true, waited: true });
  });

  it('a holder that stops renewing (a crashed isolate) loses the lease when it expires', async () => {
    const lease = new TurnLease(memoryState());
    await post(lease, '/acquire', { token: token(1), ttlMs: 300, waitMs: 5000 });
    const started = Date.now();
    const second = await post(lease, '/acquire', { token: token(2), ttlMs: 5000, waitMs: 5000 });
    expect(second.json).toEqual({ ok: true, waited: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(2000);
    // The crashed holder, coming back, has nothing left to renew or release.
    expect((await post(lease, '/renew', { token: token(1), ttlMs: 300 })).json).toEqual({ ok: false });
  });

  it('a holder that renews keeps it past the lease period', async () => {
    const lease = new TurnLease(memoryState());
    await post(lease, '/acquire', { token: token(1), ttlMs: 200, waitMs: 5000 });
    let granted = false;
    const second = post(lease, '/acquire', { token: token(2), ttlMs: 5000, waitMs: 5000 }).then((r) => ((granted = true), r));
    for (let i = 0; i < 5; i++) {
      await sleep(100);
      expect((await post(lease, '/renew', { token: token(1), ttlMs: 200 })).json).toEqual({ ok: true });
    }
    expect(granted).toBe(false); // 500 ms held with a 200 ms lease
    await post(lease, '/release', { token: token(1) });
    expect((await second).json.ok).toBe(true);
  });

  it('is still held after the object restarts, until it expires', async () => {
    const state = memoryState();
    await post(new TurnLease(state), '/acquire', { token: token(1), ttlMs: 400, waitMs: 5000 });
    const restarted = new TurnLease(state);
    const started = Date.now();
    const r = await post(restarted, '/acquire', { token: token(2), ttlMs: 5000, waitMs: 5000 });
    expect(r.json).toEqual({ ok: true, waited: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('a turn that waited too long is told when to retry', async () => {
    const lease = new TurnLease(memoryState());
    await post(lease, '/acquire', { token: token(1), ttlMs: 10_000, waitMs: 100 });
    const r = await post(lease, '/acquire', { token: token(2), ttlMs: 10_000, waitMs: 100 });
    expect(r.json.ok).toBe(false);
    expect(r.json.retryAfterMs).toBeGreaterThan(9000);
    // It left the line: releasing now hands the lease to nobody, and the next caller gets it at once.
    await post(lease, '/release', { token: token(1) });
    expect((await post(lease, '/acquire', { token: token(3), ttlMs: 1000, waitMs: 0 })).json).toEqual({ ok: true, waited: true });
  });

  it('refuses malformed calls', async () => {
    const lease = new TurnLease(memoryState());
    expect((await post(lease, '/acquire', { token: 'x', ttlMs: 5000, waitMs: 0 })).status).toBe(400);
    expect((await post(lease, '/acquire', { token: token(1), ttlMs: -1, waitMs: 0 })).status).toBe(400);
    expect((await post(lease, '/steal', { token: token(1) })).status).toBe(404);
  });
});

describe('RateCounter (one key)', () => {
  const MIN = 60_000;

  it('counts up to the limit, then refuses with an honest wait, and keeps counting after a restart', async () => {
    let now = 10 * MIN;
    const state = memoryState();
    const counter = new RateCounter(state, undefined, () => now);
    for (let i = 0; i < 3; i++) expect((await post(counter, '/take', { limit: 3, windowMs: MIN })).json).toEqual({ ok: true });
    const denied = (await post(counter, '/take', { limit: 3, windowMs: MIN })).json;
    expect(denied.ok).toBe(false);
    expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(60);

    const restarted = new RateCounter(state, undefined, () => now);
    expect((await post(restarted, '/take', { limit: 3, windowMs: MIN })).json.ok).toBe(false);
    now += denied.retryAfterSeconds * 1000;
    expect((await post(restarted, '/take', { limit: 3, windowMs: MIN })).json).toEqual({ ok: true });
  });

  it('gives a refunded hit back, and forgets the key two windows after its last hit', async () => {
    const now = 5 * MIN;
    const state = memoryState();
    const counter = new RateCounter(state, undefined, () => now);
    await post(counter, '/take', { limit: 1, windowMs: MIN });
    expect((await post(counter, '/take', { limit: 1, windowMs: MIN })).json.ok).toBe(false);
    await post(counter, '/refund', { windowMs: MIN });
    expect((await post(counter, '/take', { limit: 1, windowMs: MIN })).json.ok).toBe(true);
    expect(state.alarm).toBe(now + 2 * MIN);
    await counter.alarm();
    expect(state.data.size).toBe(0);
  });
});

/** A namespace as workerd gives it: the same instance for the same name. */
function namespace<T extends { fetch(r: Request): Promise<Response> }>(
  make: (state: DurableState) => T,
): DurableNamespace & { instances: Map<string, T> } {
  const instances = new Map<string, T>();
  return {
    instances,
    idFromName: (name) => name,
    get(id) {
      const name = id as string;
      if (!instances.has(name)) instances.set(name, make(memoryState()));
      const obj = instances.get(name)!;
      return { fetch: (url, init) => obj.fetch(new Request(url, init)) };
    },
  };
}

describe('the Workers seams over the objects', () => {
  it('TurnLock: a second turn waits, then is told the previous one may have written', async () => {
    const lock = createDurableTurnLock(
      namespace((s) => new TurnLease(s)),
      { ttlMs: 5000 },
    );
    const a = await lock.acquire('conv_1');
    expect(a.waited).toBe(false);
    let bGot = false;
    const b = lock.acquire('conv_1').then((x) => ((bGot = true), x));
    const other = await lock.acquire('conv_2'); // another conversation is not held up
    await sleep(30);
    expect(bGot).toBe(false);
    await a.release();
    expect((await b).waited).toBe(true);
    await (await b).release();
    await other.release();
  });

  it('TurnLock: a wait longer than allowed is a 429 with Retry-After, as rate_limited', async () => {
    const lock = createDurableTurnLock(
      namespace((s) => new TurnLease(s)),
      { ttlMs: 5000, waitMs: 50 },
    );
    const a = await lock.acquire('conv_1');
    const err = await lock.acquire('conv_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TailorError);
    expect((err as TailorError).code).toBe('rate_limited');
    expect((err as TailorError).details?.retryAfterSeconds).toBeGreaterThanOrEqual(4);
    await a.release();
  });

  it('TurnLock: the holder renews while its turn runs, so a long turn keeps the conversation', async () => {
    const lock = createDurableTurnLock(
      namespace((s) => new TurnLease(s)),
      { ttlMs: 150, renewEveryMs: 40, waitMs: 5000 },
    );
    const a = await lock.acquire('conv_1');
    let bGot = false;
    const b = lock.acquire('conv_1').then((x) => ((bGot = true), x));
    await sleep(500);
    expect(bGot).toBe(false);
    await a.release();
    await (await b).release();
  });

  it('RateLimiter: a request refused by one key is not counted against the others', async () => {
    const ns = namespace((s) => new RateCounter(s));
    const limiter = createDurableRateLimiter(ns);
    const keys = (ip: number) => [
      { key: 's:a', limit: 5 },
      { key: `ip:${ip}`, limit: 1 },
    ];
    expect(await limiter.take(keys(1), 0)).toEqual({ ok: true });
    const refused = await limiter.take(keys(1), 0);
    expect(refused.ok).toBe(false);
    // s:a has used 1 of 5, not 2: four more pass from other addresses, the fifth does not.
    for (let ip = 2; ip <= 5; ip++) expect((await limiter.take(keys(ip), 0)).ok).toBe(true);
    expect((await limiter.take(keys(6), 0)).ok).toBe(false);
    // A limit of 0 is no limit and touches no object.
    expect(await limiter.take([{ key: 's:free', limit: 0 }], 0)).toEqual({ ok: true });
    expect(ns.instances.has('rate:s:free')).toBe(false);
  });
});

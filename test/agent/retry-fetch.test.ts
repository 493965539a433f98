// The retry/timeout policy on its own, against the fake server over real HTTP, plus a stream
// that stalls half-way through a reply (the per-attempt timeout covers the body too).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRetryingFetch, retryAfterMs, type RetryInfo } from '../../src/agent/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { createHarness, drive, ofType, type Harness } from './harness.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const post = (f: typeof fetch) =>
  f(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('createRetryingFetch', () => {
  it('reads Retry-After as seconds, as an HTTP date, and OpenAI’s retry-after-ms', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Jun 2025 12:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });

  it('honours an HTTP-date Retry-After and backs off exponentially without one', async () => {
    const retries: RetryInfo[] = [];
    const f = createRetryingFetch({
      maxRetries: 3,
      maxTotalWaitMs: 5000,
      timeoutMs: 2000,
      baseDelayMs: 100,
      random: () => 0.5,
      onRetry: (i) => retries.push(i),
    });
    fake.script(
      { kind: 'status', status: 503, headers: { 'retry-after': new Date(Date.now() + 1500).toUTCString() } },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { content: 'ok' },
    );
    const res = await post(f);
    expect(res.status).toBe(200);
    expect(retries.map((r) => r.status)).toEqual([503, 500, 502]);
    // HTTP dates have one-second resolution: the wait lands between 500 and 1500 ms.
    expect(retries[0]!.delayMs).toBeGreaterThan(400);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(1500);
    expect(retries.slice(1).map((r) => r.delayMs)).toEqual([200, 400]);
  });

  it('does not retry a 400 and hands the last response to the SDK when out of retries', async () => {
    const f = createRetryingFetch({ maxRetries: 1, maxTotalWaitMs: 1000, timeoutMs: 2000, baseDelayMs: 10 });
    fake.script({ kind: 'status', status: 400, message: 'bad' });
    expect((await post(f)).status).toBe(400);
    expect(fake.requests).toHaveLength(1);
    fake.reset();
    fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { content: 'never reached' });
    expect((await post(f)).status).toBe(500);
    expect(fake.requests).toHaveLength(2);
  });

  it('neither follows nor retries a redirect: the call fails at the address configured', async () => {
    const f = createRetryingFetch({ maxRetries: 2, maxTotalWaitMs: 1000, timeoutMs: 2000, baseDelayMs: 10 });
    // Followed, the redirect would reach the next scripted answer.
    fake.script({ kind: 'status', status: 307, headers: { location: `${fake.url}/chat/completions` } }, { content: 'never reached' });
    await expect(post(f)).rejects.toThrow('fetch failed');
    expect(fake.requests).toHaveLength(1);
    // Where fetch must follow (Cloudflare Workers), the redirect is followed.
    fake.reset();
    fake.script({ kind: 'status', status: 307, headers: { location: `${fake.url}/chat/completions` } }, { content: 'followed' });
    const following = createRetryingFetch({ maxRetries: 0, maxTotalWaitMs: 0, timeoutMs: 2000, followRedirects: true });
    expect((await post(following)).status).toBe(200);
    expect(fake.requests).toHaveLength(2);
  });

  it('aborts a body that stalls after the headers once the attempt runs past its timeout', async () => {
    const f = createRetryingFetch({ maxRetries: 2, maxTotalWaitMs: 1000, timeoutMs: 300 });
    fake.script({ kind: 'stall', content: 'Your order was' });
    const started = Date.now();
    const res = await post(f);
    await expect(res.text()).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('disarms the attempt once its body has been read whole: a finished request is never aborted later', async () => {
    const signals: AbortSignal[] = [];
    const f = createRetryingFetch({
      maxRetries: 0,
      maxTotalWaitMs: 0,
      timeoutMs: 150,
      fetch: (input, init) => (signals.push(init!.signal!), fetch(input, init)),
    });
    fake.script({ content: 'ok' }, { content: 'ok' });
    const caller = new AbortController();
    let listeners = 0;
    const add = caller.signal.addEventListener.bind(caller.signal);
    const remove = caller.signal.removeEventListener.bind(caller.signal);
    caller.signal.addEventListener = ((...a: Parameters<typeof add>) => (listeners++, add(...a))) as typeof add;
    caller.signal.removeEventListener = ((...a: Parameters<typeof remove>) => (listeners--, remove(...a))) as typeof remove;
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const res = await f(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: caller.signal,
    });
    expect(((await res.json()) as { choices: unknown[] }).choices).toHaveLength(1);
    expect(listeners).toBe(0); // the caller's signal no longer holds the attempt
    // A body left unread keeps its timer (a stream can stall): that attempt is aborted at the timeout.
    const unread = await post(f);
    await new Promise((r) => setTimeout(r, 300));
    expect(signals[0]!.aborted).toBe(false);
    expect(signals[1]!.aborted).toBe(true);
    await unread.text().catch(() => undefined); // aborted: its body errors
  });
});

describe('a reply stream that stalls mid-way', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.dispose());

  it('is cut at the timeout and the turn is completed by the offline model', async () => {
    h.fake.script({ kind: 'stall', content: 'Your order 28473 was delivered' });
    const started = Date.now();
    const { events, final } = await drive(
      { persona: h.persona('repeat_buyer'), history: [], summary: '', message: 'Where is my order 28473?', toolCtx: h.ctx() },
      h.deps({ provider: h.provider({ timeoutMs: 400 }) }),
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(ofType(events, 'delta')[0]!.text).toBe('Your order 28473');
    expect(final.model).toBe('offline (fallback)');
    expect(final.reply).toMatch(/28473/);
  });
});

// Fleet-wide state under workerd (`wrangler dev`, local D1 and Durable Objects in a temp dir):
// concurrent turns of one conversation go through the TurnLease object one at a time, and the
// chat rate limit is counted by RateCounter objects. The model is an OpenAI-compatible fake in
// this process that takes 250 ms per call, so the turns really overlap in time and the fake
// sees what each model call was given.
//
// One `wrangler dev` runs one isolate, so two isolates cannot be forced here; instead the test
// reads the objects' storage from disk after workerd has stopped (miniflare keeps each object in
// its own SQLite file, named in __miniflare_do_name, values in _cf_KV as V8-serialized data):
// the leases and counts are there, not in an isolate. The lease's expiry after a crash and its
// survival across an object restart are timed against the class itself in
// test/fleet/durable-objects.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import Database from 'better-sqlite3';
import { startFakeUpstream, type FakeUpstream } from '../support/server.js';
import { freePort, runWrangler, startWranglerDev, type WranglerDev } from '../support/wrangler.js';
import type { ChatJson } from '../support/tailor.js';

const MODEL_DELAY_MS = 250;
const SESSION_LIMIT = 5;

describe('Tailor on workerd: one conversation at a time, rate limits in Durable Objects', () => {
  let dir: string;
  let persist: string;
  let dev: WranglerDev | null = null;
  let upstream: FakeUpstream;
  const calls: Array<{ at: number; users: string[] }> = [];

  const start = async () =>
    startWranglerDev({
      persistTo: persist,
      port: await freePort(),
      inspectorPort: await freePort(),
      timeoutMs: 150_000,
      vars: {
        TAILOR_MODEL: 'openai:fake-model',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: upstream.baseURL,
        TAILOR_RATE_SESSION_PER_MIN: String(SESSION_LIMIT),
      },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tailor-fleet-'));
    persist = join(dir, 'state');
    upstream = await startFakeUpstream((_i, body) => {
      const users = ((body.messages ?? []) as Array<{ role: string; content: unknown }>)
        .filter((m) => m.role === 'user')
        .map((m) => String(m.content));
      calls.push({ at: Date.now(), users });
      return { delayMs: MODEL_DELAY_MS, text: `answer to: ${users.at(-1) ?? ''}` };
    });
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], 120_000);
    dev = await start();
  }, 300_000);

  afterAll(async () => {
    await dev?.stop();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const session = () => `s_${randomBytes(16).toString('hex')}`;
  const chat = (s: string, body: Record<string, unknown>) =>
    fetch(`${dev!.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': s },
      body: JSON.stringify(body),
    });

  it('runs concurrent turns of one conversation one after another, none lost, the transcript in order', async () => {
    const s = session();
    const r1 = await chat(s, { message: 'turn one' });
    const first = (await r1.json()) as ChatJson;
    expect(r1.status, JSON.stringify(first)).toBe(200);
    expect(first.model).toBe('openai:fake-model');
    const conversationId = first.conversationId;

    const before = calls.length;
    const sent = ['turn two', 'turn three', 'turn four', 'turn five'];
    const responses = await Promise.all(sent.map((message) => chat(s, { message, conversationId })));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as ChatJson[];
    expect(
      responses.map((r) => r.status),
      JSON.stringify(bodies),
    ).toEqual([200, 200, 200, 200]);
    // Each shopper got the answer to their own message, in the same conversation.
    bodies.forEach((b, i) => {
      expect(b.conversationId).toBe(conversationId);
      expect(b.reply).toContain(`answer to: `);
      expect(b.reply).toContain(sent[i]);
    });

    // The four model calls never overlapped: each began after the one before had been answered.
    const mine = calls.slice(before);
    expect(mine).toHaveLength(4);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(MODEL_DELAY_MS - 25);
    // And each saw every turn committed before it: the history grows by exactly one turn a call.
    const ran = mine.map((c) => sent.find((m) => c.users.at(-1)!.includes(m))!);
    expect([...ran].sort()).toEqual([...sent].sort());
    mine.forEach((c, i) => {
      const expected = ['turn one', ...ran.slice(0, i + 1)];
      expect(c.users).toHaveLength(expected.length);
      c.users.forEach((u, j) => expect(u).toContain(expected[j]));
    });

    // The stored transcript: five exchanges, in the order the turns ran, each answer after its question.
    const tr = await fetch(`${dev!.url}/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': s } });
    expect(tr.status).toBe(200);
    const { messages } = (await tr.json()) as { messages: Array<{ role: string; content: string }> };
    const order = ['turn one', ...ran];
    expect(messages.map((m) => m.role)).toEqual(order.flatMap(() => ['user', 'assistant']));
    order.forEach((m, i) => {
      expect(messages[2 * i]!.content).toBe(m);
      expect(messages[2 * i + 1]!.content).toContain(m);
    });

    // That session has used its 5 messages a minute: the next one is refused with Retry-After.
    const limited = await chat(s, { message: 'one too many', conversationId });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
  }, 60_000);

  it('keeps the leases and the counts in Durable Object storage, not in the isolate', async () => {
    const s = session();
    const r1 = await chat(s, { message: 'just one' });
    expect(r1.status).toBe(200);
    const { conversationId } = (await r1.json()) as ChatJson;
    for (let i = 1; i < SESSION_LIMIT; i++) expect((await chat(s, { message: `more ${i}`, conversationId })).status).toBe(200);
    expect((await chat(s, { message: 'over the limit', conversationId })).status).toBe(429);

    // Read back from the objects' own storage once workerd has stopped: what an isolate kept in
    // memory would be gone; what another isolate (or location) reads is here.
    await dev!.stop();
    dev = null;
    const rate = doStorage(persist, 'RateCounter', `rate:s:${s}`) as { counts: { previous: number; current: number } };
    expect(rate.counts.previous + rate.counts.current).toBe(SESSION_LIMIT); // the refused message is not counted
    const lease = doStorage(persist, 'TurnLease', `turn:${conversationId}`) as { lease: { lease: unknown; grants: number } };
    // Turns 2–5 each took the conversation's lease (the first turn, before it existed, the session's)
    // and gave it back: nothing is left holding the conversation.
    expect(lease.lease).toEqual({ lease: null, grants: SESSION_LIMIT - 1 });
    expect(doStorage(persist, 'TurnLease', `turn:${s}`)).toEqual({ lease: { lease: null, grants: 1 } });
  }, 60_000);
});

/** The key/value storage of the Durable Object `name` of class `className`, as local dev persisted it. */
function doStorage(persistTo: string, className: string, name: string): Record<string, unknown> {
  const dir = join(persistTo, 'v3', 'do', `tailor-${className}`);
  expect(existsSync(dir), `no ${className} objects in ${dir}`).toBe(true);
  for (const file of readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.sqlite$/.test(f))) {
    const db = new Database(join(dir, file), { readonly: true });
    try {
      const named = db.prepare('select name from __miniflare_do_name').all() as Array<{ name: string }>;
      if (!named.some((r) => r.name === name)) continue;
      const rows = db.prepare('select key, value from _cf_KV').all() as Array<{ key: string; value: Buffer }>;
      return Object.fromEntries(rows.map((r) => [r.key, deserialize(r.value) as unknown]));
    } finally {
      db.close();
    }
  }
  throw new Error(`no ${className} object named ${name}`);
}

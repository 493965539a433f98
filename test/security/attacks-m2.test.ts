// Round M2 — identity, verification, admin and limits, attacked as a stranger through the real HTTP API.
// Broken and fixed here: the per-address limits counted each IPv6 address on its own, so one client
// rotating through its own /64 (every home line has 2^64 of them) got a fresh budget per request —
// for chat messages, admin-token guesses and in-chat verification alike; and identity tokens were
// accepted with any audience and any expiry, however far off; and no reply or transcript said it must not
// be kept by a shared cache. What held is in attacks-m2-held.test.ts.
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { ADMIN, SECRET, appsPerTest, freshSession, json, lastToolResult, type SecApp, verifyPuppet } from './support.js';

const open = appsPerTest();

/** The n-th address of one IPv6 network (/64): what a single home line or cloud VM may use freely. */
const inNet = (net: string, n: number) =>
  `${net}:${(n % 0xffff).toString(16)}:${((n * 7919) % 0xffff).toString(16)}:1:${(n + 1).toString(16)}`;

const admin = (s: SecApp, token: string, ip: string) =>
  s.app.request('/api/admin/metrics', { headers: { Authorization: `Bearer ${token}`, 'x-test-client-ip': ip } });

describe('per-address limits count a client, not each of its addresses', () => {
  it('chat messages: fresh sessions from rotating addresses of one IPv6 /64 hit the per-address limit', async () => {
    const s = await open({ model: 'offline', config: { rate: { sessionPerMin: 0, ipPerMin: 3 } } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await s.chat({ message: 'hi' }, { session: freshSession(), ip: inNet('2001:db8:7:7', i) })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    // Another network is another client.
    expect((await s.chat({ message: 'hi' }, { session: freshSession(), ip: inNet('2001:db8:7:8', 0) })).status).toBe(200);
  });

  it('chat messages: an IPv4 client and the same address written IPv4-mapped (::ffff:a.b.c.d) share one budget', async () => {
    const s = await open({ model: 'offline', config: { rate: { sessionPerMin: 0, ipPerMin: 3 } } });
    const ips = ['203.0.113.9', '::ffff:203.0.113.9', '::FFFF:203.0.113.9', '203.0.113.9'];
    const codes: number[] = [];
    for (const ip of ips) codes.push((await s.chat({ message: 'hi' }, { session: freshSession(), ip })).status);
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('admin tokens: guesses from rotating addresses of one /64 are throttled; the right token from that network waits too', async () => {
    const s = await open('offline');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await admin(s, `guess-${i}`, inNet('2001:db8:aa:1', i))).status);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const right = await admin(s, ADMIN, inNet('2001:db8:aa:1', 99));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(0);
    await json(right);
    expect((await admin(s, ADMIN, inNet('2001:db8:aa:2', 0))).status).toBe(200);
  });

  it('in-chat verification: rotating targets, sessions and addresses of one /64 is locked by the per-address limit', async () => {
    const s = await open('fake');
    verifyPuppet(s);
    const targets = s.sql.prepare("select email from customers where id not in ('c_marcus','c_sarah','c_lena') limit 25").all() as Array<{
      email: string;
    }>;
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await s.chat(
        { message: `VERIFY ${targets[i]!.email} ${80_000 + i}` },
        { session: freshSession(), ip: inNet('2001:db8:bb:1', i) },
      );
      expect(res.status).toBe(200);
      await json(res);
      const r = lastToolResult(s.fake!)!;
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(0, 20).every((c) => c === 'not_found')).toBe(true);
    expect(codes[20]).toBe('locked');
    // Locked, even the right details from that network learn nothing.
    await s.chat({ message: `VERIFY ${DEMO_SHOPPERS.marcus.email} 28473` }, { session: freshSession(), ip: inNet('2001:db8:bb:1', 500) });
    expect(lastToolResult(s.fake!)!.error.code).toBe('locked');
    expect(s.sql.prepare("select count(*) n from events where type = 'verified'").get()).toEqual({ n: 0 });
  });
});

describe('identity tokens are refused unless they are meant for Tailor, for a bounded time', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const marcus = DEMO_SHOPPERS.marcus.id;

  it.each([
    ['another audience (a token the storefront signed for another service with the same secret)', { aud: 'payments-api' }],
    ['an audience list without Tailor', { aud: ['payments-api', 'reviews'] }],
    ['an expiry a century away (a token that never dies)', { exp: now() + 100 * 365 * 86_400 }],
    ['an expiry of 1e308 seconds', { exp: 1e308 }],
  ])('%s: 401 on chat and transcript, never served as the customer', async (_kind, claims) => {
    const s = await open('offline');
    const token = await sign({ sub: marcus, exp: now() + 600, ...claims }, SECRET, 'HS256');
    const res = await s.chat({ message: 'where is my order?' }, { token, session: freshSession() });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthorized');
    const t = await s.app.request('/api/conversations/conv_x', { headers: { Authorization: `Bearer ${token}` } });
    expect(t.status).toBe(401);
  });

  it('a token naming Tailor as its audience, or one with a day to run, is served as the customer', async () => {
    const s = await open('offline');
    for (const claims of [{ aud: 'tailor' }, { aud: ['reviews', 'tailor'] }, { exp: now() + 86_400 }]) {
      const token = await sign({ sub: marcus, exp: now() + 600, ...claims }, SECRET, 'HS256');
      const res = await s.chat({ message: 'hi' }, { token, session: freshSession() });
      expect(res.status, JSON.stringify(claims)).toBe(200);
      await json(res);
    }
  });
});

describe("a shopper's data is never kept by a shared cache in front of Tailor", () => {
  it('the transcript (an anonymous one is keyed by a header a cache does not see), a reply, feedback and admin reads say no-store', async () => {
    const s = await open('offline');
    const session = freshSession();
    const chat = await s.chat({ message: 'hi' }, { session });
    expect(chat.headers.get('cache-control')).toBe('no-store');
    const { conversationId, messageId } = await json(chat);
    const read = await s.app.request(`/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': session } });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const fb = await s.app.request('/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': session },
      body: JSON.stringify({ conversationId, messageId, rating: 'up' }),
    });
    expect(fb.headers.get('cache-control')).toBe('no-store');
    for (const path of [`/api/admin/conversations/${conversationId}`, '/api/admin/metrics']) {
      const res = await s.app.request(path, { headers: { Authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    // A refusal is not kept either (a cached 404 would hide the conversation from its owner).
    expect(
      (await s.app.request('/api/conversations/conv_nope', { headers: { 'X-Tailor-Session': session } })).headers.get('cache-control'),
    ).toBe('no-store');
  });
});

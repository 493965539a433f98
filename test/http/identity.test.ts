// Identity tokens and anonymous sessions, below the app: what is accepted, what is refused.
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { TailorError } from '../../src/core/index.js';
import type { AppEnv } from '../../src/http/env.js';
import { createErrorHandler } from '../../src/http/errors.js';
import {
  createTokenVerifier,
  identity,
  isValidSessionId,
  newSessionId,
  signIdentityToken,
  verifyIdentityToken,
} from '../../src/http/identity.js';

const SECRET = 'identity-secret-for-tests-0123';
const now = () => Math.floor(Date.now() / 1000);

async function refused(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TailorError);
  expect((err as TailorError).code).toBe('unauthorized');
  return (err as TailorError).message;
}

describe('verifyIdentityToken', () => {
  it('accepts a storefront token and returns the customer', async () => {
    const { token, exp } = await signIdentityToken('c_sarah', SECRET, Date.now(), 600);
    expect(await verifyIdentityToken(token, SECRET)).toEqual({ customerId: 'c_sarah', exp });
  });

  it('refuses expired, forged, exp-less, sub-less and non-HS256 tokens', async () => {
    await refused(verifyIdentityToken(await sign({ sub: 'c_sarah', exp: now() - 1 }, SECRET, 'HS256'), SECRET));
    await refused(verifyIdentityToken(await sign({ sub: 'c_sarah', exp: now() + 60 }, `${SECRET}x`, 'HS256'), SECRET));
    expect(await refused(verifyIdentityToken(await sign({ sub: 'c_sarah' }, SECRET, 'HS256'), SECRET))).toMatch(/exp/);
    expect(await refused(verifyIdentityToken(await sign({ exp: now() + 60 }, SECRET, 'HS256'), SECRET))).toMatch(/sub/);
    await refused(verifyIdentityToken(await sign({ sub: 'c_sarah', exp: now() + 60 }, SECRET, 'HS384'), SECRET));
    await refused(verifyIdentityToken('a.b.c', SECRET));
    await refused(verifyIdentityToken('', SECRET));
  });
});

describe('createTokenVerifier', () => {
  it('answers a token it verified from memory until it expires, and never remembers a refusal', async () => {
    let clock = Date.now();
    const verifyToken = createTokenVerifier(SECRET, { now: () => clock, max: 2 });
    const { token, exp } = await signIdentityToken('c_sarah', SECRET, clock, 60);
    expect(await verifyToken(token)).toEqual({ customerId: 'c_sarah', exp });
    expect(await verifyToken(token)).toEqual({ customerId: 'c_sarah', exp });
    const forged = await sign({ sub: 'c_sarah', exp: now() + 60 }, `${SECRET}x`, 'HS256');
    await refused(verifyToken(forged));
    await refused(verifyToken(forged));
    clock += 61_000;
    await refused(verifyToken(token));
  });

  it('forgets the oldest token when full, and a forgotten token is verified again', async () => {
    const verifyToken = createTokenVerifier(SECRET, { max: 2 });
    const tokens = await Promise.all(['c_a', 'c_b', 'c_c'].map(async (id) => (await signIdentityToken(id, SECRET, Date.now(), 60)).token));
    for (const t of tokens) await verifyToken(t);
    expect((await verifyToken(tokens[0]!)).customerId).toBe('c_a');
  });
});

describe('session ids', () => {
  it('are minted unguessable and validated by shape', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSessionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isValidSessionId(id)).toBe(true);
    for (const bad of ['', 'short', 'has spaces in it!!!!', 'x'.repeat(129), '<script>alert(1)</script>', null, undefined])
      expect(isValidSessionId(bad)).toBe(false);
  });
});

describe('identity middleware', () => {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler());
  app.use(identity({ secret: SECRET, customerExists: async (id) => id === 'c_sarah' }));
  app.get('/who', (c) => c.json(c.get('shopper')));

  it('no token → anonymous with the offered session, or a fresh one', async () => {
    const kept = await app.request('/who', { headers: { 'X-Tailor-Session': 's_widget_kept_this_id' } });
    expect(await kept.json()).toEqual({ sessionId: 's_widget_kept_this_id', customerId: null, verified: false, via: 'anonymous' });
    expect(kept.headers.get('X-Tailor-Session')).toBe('s_widget_kept_this_id');
    const fresh = await app.request('/who', { headers: { 'X-Tailor-Session': 'bad id' } });
    const body = (await fresh.json()) as { sessionId: string };
    expect(body.sessionId).not.toBe('bad id');
    expect(fresh.headers.get('X-Tailor-Session')).toBe(body.sessionId);
  });

  it('a valid token → the verified customer; a bad one is a 401, never anonymous', async () => {
    const { token } = await signIdentityToken('c_sarah', SECRET, Date.now(), 600);
    const ok = await app.request('/who', { headers: { Authorization: `Bearer ${token}`, 'X-Tailor-Session': 's_widget_kept_this_id' } });
    expect(await ok.json()).toEqual({ sessionId: 's_widget_kept_this_id', customerId: 'c_sarah', verified: true, via: 'token' });
    const unknown = await signIdentityToken('c_ghost', SECRET, Date.now(), 600);
    for (const auth of [`Bearer ${unknown.token}`, 'Bearer', 'Bearer a.b.c', `Token ${token}`, '']) {
      const res = await app.request('/who', { headers: { Authorization: auth } });
      expect(res.status, auth).toBe(401);
    }
  });
});

describe('identity middleware, customers removed or blocked', () => {
  it('refuses a customer removed from the store on the very next request, with no grace period', async () => {
    const store = new Set(['c_sarah']);
    const app = new Hono<AppEnv>();
    app.onError(createErrorHandler());
    app.use(identity({ secret: SECRET, customerExists: async (id) => store.has(id) }));
    app.get('/who', (c) => c.json(c.get('shopper')));
    const { token } = await signIdentityToken('c_sarah', SECRET, Date.now(), 3600);
    const ask = () => app.request('/who', { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    store.delete('c_sarah');
    expect((await ask()).status).toBe(401);
  });
});

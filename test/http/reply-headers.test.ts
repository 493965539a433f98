import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonReply, replyHeaders, SECURITY_HEADERS, setReplyHeader } from '../../src/http/index.js';
import type { AppEnv } from '../../src/http/env.js';
import { buildApp, post, type Fixture } from './fixture.js';

// Every reply's headers come from one middleware (reply-headers.ts): the request id, the security
// headers, no-store on the API, the session id to echo. The chat route's JSON reply is made with
// all of them at once: no `Headers` object is filled one header at a time for it (each set is
// validated and lower-cased, then the lot sorted and copied back for Node's server).

function app() {
  const made: { res?: Response } = {};
  const a = new Hono<AppEnv>();
  a.use(replyHeaders({ noStore: (path) => path.startsWith('/api/') }));
  a.use('/api/*', async (c, next) => {
    setReplyHeader(c, 'X-Tailor-Session', 's_echoed_session_id_01');
    await next();
  });
  a.get('/api/json', (c) => (made.res = c.json({ reply: 'hi' })));
  a.get('/api/whole', (c) => (made.res = jsonReply(c, { reply: 'hi' })));
  a.get('/api/own', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.text('mine');
  });
  a.get('/api/sse', (c) => streamSSE(c, (s) => s.writeSSE({ data: 'x' })));
  a.get('/page', (c) => {
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.text('page');
  });
  a.get('/api/fails', () => {
    throw new Error('boom');
  });
  a.onError((_err, c) => c.json({ error: 'internal' }, 500));
  return { a, made };
}

function expectSecure(res: Response, except: string[] = []): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!except.includes(name)) expect(res.headers.get(name), name).toBe(value);
  expect(res.headers.has('X-Powered-By')).toBe(false);
}

describe('reply headers', () => {
  it("are the security headers Hono's secureHeaders middleware sets", async () => {
    const hono = new Hono();
    hono.use(secureHeaders({ overwrite: false, removePoweredBy: true }));
    hono.get('/', (c) => c.text('x'));
    const theirs: Record<string, string> = {};
    (await hono.request('/')).headers.forEach((value, name) => {
      if (name !== 'content-type') theirs[name] = value;
    });
    const ours = Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([k, v]) => [k.toLowerCase(), v]));
    expect(ours).toEqual(theirs);
  });

  it('a JSON reply, made either way, carries the request id, the echoed session, no-store and the security headers', async () => {
    const { a, made } = app();
    for (const path of ['/api/json', '/api/whole']) {
      const res = await a.request(path, { headers: { 'X-Request-Id': 'req-kept-1' } });
      expect(res, path).toBe(made.res);
      expect(res.headers.get('Content-Type')).toBe('application/json');
      expect(res.headers.get('X-Request-Id')).toBe('req-kept-1');
      expect(res.headers.get('X-Tailor-Session')).toBe('s_echoed_session_id_01');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expectSecure(res);
      expect(await res.json()).toEqual({ reply: 'hi' });
    }
  });

  it("mints a request id for a missing or odd one; keeps a route's own caching and cross-origin policy; covers errors", async () => {
    const { a } = app();
    const odd = await a.request('/api/json', { headers: { 'X-Request-Id': 'has spaces <b>' } });
    expect(odd.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await a.request('/api/own')).headers.get('Cache-Control')).toBe('public, max-age=60');
    const sse = await a.request('/api/sse');
    expect(sse.headers.get('Cache-Control')).toBe('no-cache');
    expect(sse.headers.get('X-Tailor-Session')).toBe('s_echoed_session_id_01');
    expect(await sse.text()).toContain('data: x');
    const page = await a.request('/page');
    expect(page.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(page.headers.has('Cache-Control')).toBe(false);
    expectSecure(page, ['Cross-Origin-Resource-Policy']);
    const failed = await a.request('/api/fails');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('Cache-Control')).toBe('no-store');
    expect(failed.headers.get('X-Tailor-Session')).toBe('s_echoed_session_id_01');
    expectSecure(failed);
  });
});

describe("Tailor's chat reply", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildApp({ allowedOrigins: [] });
  });
  afterAll(() => f.dispose());

  it('goes out with every header, none of them set one at a time', async () => {
    const set = vi.spyOn(Headers.prototype, 'set');
    const append = vi.spyOn(Headers.prototype, 'append');
    try {
      const res = await f.app.request(...post('/api/chat', { message: 'hello there' }, { 'X-Tailor-Session': 's_reply_headers_0001' }));
      expect(res.status).toBe(200);
      expect(set).not.toHaveBeenCalled();
      expect(append).not.toHaveBeenCalled();
      expect(res.headers.get('X-Tailor-Session')).toBe('s_reply_headers_0001');
      expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(res.headers.get('Content-Type')).toBe('application/json');
      expectSecure(res);
    } finally {
      set.mockRestore();
      append.mockRestore();
    }
  });
});

// The API contract in-process (app.request): response shapes, SSE framing, identity,
// headers, feedback, admin, health and the internal-error path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildApp, parseSse, post, type Fixture } from './fixture.js';
import type { ChatJson } from '../support/tailor.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildApp();
});
afterAll(() => f.dispose());

describe('POST /api/chat', () => {
  it('anonymous: mints a session, returns the contract object', async () => {
    const res = await f.app.request(...post('/api/chat', { message: 'do you have red dresses under $150?' }));
    expect(res.status).toBe(200);
    const sid = res.headers.get('X-Tailor-Session');
    expect(sid).toMatch(/^s_[0-9a-f]{32}$/);
    const body = (await res.json()) as ChatJson;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'messageId', 'model', 'persona', 'reply', 'segment', 'toolCalls', 'usage']);
    expect(body.segment.id).toBe('new_visitor');
    expect(body.model).toBe('offline');
    expect(body.persona.version).toMatch(/^sha256:/);
    expect(body.toolCalls.map((t) => t.name)).toContain('search_products');
    expect(body.reply.length).toBeGreaterThan(0);
    expect(body.usage.modelCalls).toBeGreaterThanOrEqual(1);

    // Keeping the session continues the conversation; the transcript has both turns.
    const again = await f.app.request(
      ...post('/api/chat', { message: 'thanks!', conversationId: body.conversationId }, { 'X-Tailor-Session': sid! }),
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('X-Tailor-Session')).toBe(sid);
    const t = await f.app.request(`/api/conversations/${body.conversationId}`, { headers: { 'X-Tailor-Session': sid! } });
    const transcript = (await t.json()) as { id: string; messages: Array<{ role: string; content: string }> };
    expect(transcript.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(transcript.messages[0]!.content).toBe('do you have red dresses under $150?');
  });

  it('identity token: the VIP is served as herself', async () => {
    const res = await f.app.request(...post('/api/chat', { message: 'hi' }, { Authorization: `Bearer ${await f.token('c_sarah')}` }));
    const body = (await res.json()) as ChatJson;
    expect(body.segment).toMatchObject({ id: 'vip' });
    expect(body.segment.reasons.join(' ')).toMatch(/8 orders/);
    expect(body.persona.id).toBe('vip');
    expect(body.reply).toContain('Sarah');
  });

  it('SSE: meta first, tool events in order, done carries the JSON object', async () => {
    const res = await f.app.request(
      ...post(
        '/api/chat',
        { message: 'where is my order 28473?' },
        { Authorization: `Bearer ${await f.token('c_marcus')}`, Accept: 'text/event-stream' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('meta');
    expect(names.at(-1)).toBe('done');
    expect(names).not.toContain('error');
    expect(names.filter((n) => n === 'done')).toHaveLength(1);
    const call = names.indexOf('tool_call');
    const result = names.indexOf('tool_result');
    expect(call).toBeGreaterThan(0);
    expect(result).toBeGreaterThan(call);
    expect(names.lastIndexOf('delta')).toBeGreaterThan(result);
    const meta = events[0]!.data as {
      conversationId: string;
      sessionId: string;
      segment: { id: string };
      persona: { id: string };
      model: string;
    };
    expect(meta.segment.id).toBe('repeat_buyer');
    expect(meta.sessionId).toBe(res.headers.get('X-Tailor-Session'));
    const done = events.at(-1)!.data as ChatJson;
    expect(done.conversationId).toBe(meta.conversationId);
    expect(done.toolCalls[0]).toMatchObject({ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true });
    const deltas = events
      .filter((e) => e.event === 'delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(deltas).toBe(done.reply);
    expect(Object.keys(done).sort()).toEqual(['conversationId', 'messageId', 'model', 'persona', 'reply', 'segment', 'toolCalls', 'usage']);
  });

  it('SSE for a conversation that is not yours is a plain 404, not a stream', async () => {
    const res = await f.app.request(...post('/api/chat', { message: 'hi', conversationId: 'conv_nope' }, { Accept: 'text/event-stream' }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('headers', () => {
  it('request ids are echoed or minted; security headers are set', async () => {
    const mine = await f.app.request('/api/health', { headers: { 'X-Request-Id': 'req-abc-123' } });
    expect(mine.headers.get('X-Request-Id')).toBe('req-abc-123');
    const minted = await f.app.request('/api/health');
    expect(minted.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(minted.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(minted.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(minted.headers.get('Strict-Transport-Security')).toBeTruthy();
  });

  it('CORS answers only the configured store origin', async () => {
    const pre = (origin: string) =>
      f.app.request('/api/chat', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,authorization,x-tailor-session',
        },
      });
    const ok = await pre('https://shop.example');
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example');
    expect(ok.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-tailor-session');
    const evil = await pre('https://evil.example');
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const res = await f.app.request(...post('/api/chat', { message: 'hi' }, { Origin: 'https://shop.example' }));
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-Tailor-Session');
  });

  it('without configured origins no CORS header is sent at all (same origin only)', async () => {
    const g = await buildApp({ allowedOrigins: [] });
    try {
      const res = await g.app.request('/api/health', { headers: { Origin: 'https://shop.example' } });
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    } finally {
      g.dispose();
    }
  });
});

describe('feedback, demo token, health, admin', () => {
  it('feedback is recorded for the owner and counted by the metrics', async () => {
    const token = await f.token('c_lena');
    const chat = (await (
      await f.app.request(...post('/api/chat', { message: 'hello' }, { Authorization: `Bearer ${token}` }))
    ).json()) as ChatJson;
    const fb = await f.app.request(
      ...post(
        '/api/feedback',
        { conversationId: chat.conversationId, messageId: chat.messageId, rating: 'down', comment: 'meh' },
        { Authorization: `Bearer ${token}` },
      ),
    );
    expect(fb.status).toBe(200);
    // Changing one's mind replaces the rating rather than adding a second one.
    const fb2 = await f.app.request(
      ...post(
        '/api/feedback',
        { conversationId: chat.conversationId, messageId: chat.messageId, rating: 1 },
        { Authorization: `Bearer ${token}` },
      ),
    );
    expect(await fb2.json()).toMatchObject({ ok: true, rating: 'up' });
    const m = (await (await f.app.request('/api/admin/metrics', { headers: { Authorization: `Bearer ${ADMIN}` } })).json()) as {
      totals: { feedback: { up: number; down: number } };
      segments: Array<{ segment: string }>;
    };
    expect(m.totals.feedback).toEqual({ up: 1, down: 0 });
    expect(m.segments.map((s) => s.segment)).toContain('new_visitor');
  });

  it('demo token: a signed token that identifies the demo customer', async () => {
    const res = await f.app.request(...post('/api/demo/token', { email: 'Sarah@Example.com' }));
    expect(res.status).toBe(200);
    const { token, customerId } = (await res.json()) as { token: string; customerId: string };
    expect(customerId).toBe('c_sarah');
    const chat = (await (
      await f.app.request(...post('/api/chat', { message: 'hi' }, { Authorization: `Bearer ${token}` }))
    ).json()) as ChatJson;
    expect(chat.segment.id).toBe('vip');
  });

  it('demo mode off: no demo token route, no demo page', async () => {
    const g = await buildApp({ demo: false });
    try {
      expect((await g.app.request(...post('/api/demo/token', { email: 'sarah@example.com' }))).status).toBe(404);
      expect((await g.app.request('/')).status).toBe(404);
    } finally {
      g.dispose();
    }
  });

  it('health reports the database and the model', async () => {
    const res = await f.app.request('/api/health');
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', model: 'offline' });
  });

  it('admin is invisible when no admin token is configured', async () => {
    const g = await buildApp({ adminToken: null });
    try {
      const res = await g.app.request('/api/admin/metrics', { headers: { Authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(404);
    } finally {
      g.dispose();
    }
  });

  it('persona reload reports the registry result', async () => {
    const res = await f.app.request('/api/admin/personas/reload', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, errors: [] });
  });
});

describe('failures and logs', () => {
  it('an internal failure is a 500 "internal" with no stack; the stack goes to the error log', async () => {
    const g = await buildApp();
    await g.db.close();
    try {
      const res = await g.app.request(...post('/api/chat', { message: 'hi' }));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
      expect(g.logs.some((l) => l.includes('"level":"error"') && l.includes('request_failed'))).toBe(true);
      const health = await g.app.request('/api/health');
      expect(health.status).toBe(503);
      expect(((await health.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
    } finally {
      g.logs.length = 0;
      try {
        g.dispose();
      } catch {
        // already closed on purpose
      }
    }
  });

  it('info-level logs carry ids and counts, never the message text or an email', async () => {
    f.logs.length = 0;
    const res = await f.app.request(...post('/api/chat', { message: 'I am zebra42 and my email is lena@example.com' }));
    expect(res.status).toBe(200);
    await f.app.request(...post('/api/demo/token', { email: 'marcus@example.com' }));
    const info = f.logs.filter((l) => /"level":"(info|warn|error)"/.test(l));
    expect(info.some((l) => l.includes('"msg":"request"'))).toBe(true);
    for (const line of info) {
      expect(line).not.toContain('zebra42');
      expect(line).not.toMatch(/@example\.com/);
    }
  });
});

describe('web', () => {
  it('serves the demo page and the embeddable widget script', async () => {
    const page = await f.app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('/widget.js');
    const js = await f.app.request('/widget.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('Content-Type')).toMatch(/javascript/);
    expect(js.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect((await js.text()).length).toBeGreaterThan(1000);
    // Everything else keeps the strict default.
    expect((await f.app.request('/api/health')).headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
  });
});

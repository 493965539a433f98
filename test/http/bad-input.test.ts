// The bad-input table: each hostile or broken request gets the contract's status and code,
// the error shape and nothing else (no stack), and the app keeps serving afterwards.
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, post, SECRET, type Fixture } from './fixture.js';

let f: Fixture;
let marcusConv: string;
let marcusMsg: string;
const session = { 'X-Tailor-Session': 's_table_session_0001' };

beforeAll(async () => {
  f = await buildApp();
  const res = await f.app.request(
    ...post('/api/chat', { message: 'where is my order 28473?' }, { Authorization: `Bearer ${await f.token('c_marcus')}` }),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { conversationId: string; messageId: string };
  marcusConv = body.conversationId;
  marcusMsg = body.messageId;
});
afterAll(() => f.dispose());

const now = () => Math.floor(Date.now() / 1000);
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

type Case = { name: string; req: () => Promise<[string, RequestInit]>; status: number; code: string; field?: string };

const cases: Case[] = [
  { name: 'malformed JSON', req: async () => post('/api/chat', '{"message": "hi"', session), status: 400, code: 'bad_request' },
  { name: 'empty body', req: async () => post('/api/chat', '', session), status: 400, code: 'bad_request' },
  { name: 'JSON that is not an object', req: async () => post('/api/chat', '["hi"]', session), status: 400, code: 'bad_request' },
  {
    name: 'missing message',
    req: async () => post('/api/chat', { conversationId: 'x' }, session),
    status: 400,
    code: 'bad_request',
    field: 'message',
  },
  {
    name: 'message of the wrong type',
    req: async () => post('/api/chat', { message: 42 }, session),
    status: 400,
    code: 'bad_request',
    field: 'message',
  },
  {
    name: 'empty message',
    req: async () => post('/api/chat', { message: '' }, session),
    status: 400,
    code: 'bad_request',
    field: 'message',
  },
  {
    name: 'blank message',
    req: async () => post('/api/chat', { message: '   \n ' }, session),
    status: 400,
    code: 'bad_request',
    field: 'message',
  },
  {
    name: 'message over 4000 characters',
    req: async () => post('/api/chat', { message: 'a'.repeat(4001) }, session),
    status: 400,
    code: 'bad_request',
    field: 'message',
  },
  {
    name: 'body over 16 KB (streamed)',
    req: async () => post('/api/chat', { message: 'a'.repeat(17 * 1024) }, session),
    status: 413,
    code: 'too_large',
  },
  {
    name: 'body over 16 KB (Content-Length)',
    req: async () => post('/api/chat', { message: 'a'.repeat(17 * 1024) }, { ...session, 'Content-Length': String(17 * 1024 + 14) }),
    status: 413,
    code: 'too_large',
  },
  {
    name: 'conversationId of the wrong type',
    req: async () => post('/api/chat', { message: 'hi', conversationId: 7 }, session),
    status: 400,
    code: 'bad_request',
    field: 'conversationId',
  },
  {
    name: 'page.url of the wrong type',
    req: async () => post('/api/chat', { message: 'hi', page: { url: ['x'] } }, session),
    status: 400,
    code: 'bad_request',
    field: 'page.url',
  },
  { name: 'garbage token', req: async () => post('/api/chat', { message: 'hi' }, bearer('not.a.jwt')), status: 401, code: 'unauthorized' },
  {
    name: 'not a bearer scheme',
    req: async () => post('/api/chat', { message: 'hi' }, { Authorization: 'Basic Zm9vOmJhcg==' }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'expired token',
    req: async () => post('/api/chat', { message: 'hi' }, bearer(await sign({ sub: 'c_sarah', exp: now() - 60 }, SECRET, 'HS256'))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'forged token (other secret)',
    req: async () =>
      post(
        '/api/chat',
        { message: 'hi' },
        bearer(await sign({ sub: 'c_sarah', exp: now() + 600 }, 'some-other-secret-0123456789', 'HS256')),
      ),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'token without exp',
    req: async () => post('/api/chat', { message: 'hi' }, bearer(await sign({ sub: 'c_sarah' }, SECRET, 'HS256'))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'token with alg none',
    req: async () => post('/api/chat', { message: 'hi' }, bearer(unsignedToken({ sub: 'c_sarah', exp: now() + 600 }))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'token with another algorithm',
    req: async () => post('/api/chat', { message: 'hi' }, bearer(await sign({ sub: 'c_sarah', exp: now() + 600 }, SECRET, 'HS512'))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'token for an unknown customer',
    req: async () => post('/api/chat', { message: 'hi' }, bearer(await sign({ sub: 'c_nobody', exp: now() + 600 }, SECRET, 'HS256'))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'bad token on the transcript route',
    req: async () => [`/api/conversations/${marcusConv}`, { headers: bearer('x.y.z') }],
    status: 401,
    code: 'unauthorized',
  },
  {
    name: "another shopper's conversation id (chat)",
    req: async () => post('/api/chat', { message: 'hi', conversationId: marcusConv }, bearer(await f.token('c_sarah'))),
    status: 404,
    code: 'not_found',
  },
  {
    name: "another shopper's conversation id (transcript)",
    req: async () => [`/api/conversations/${marcusConv}`, { headers: bearer(await f.token('c_sarah')) }],
    status: 404,
    code: 'not_found',
  },
  {
    name: "another shopper's conversation id (anonymous)",
    req: async () => [`/api/conversations/${marcusConv}`, { headers: session }],
    status: 404,
    code: 'not_found',
  },
  {
    name: "feedback on another shopper's reply",
    req: async () => post('/api/feedback', { conversationId: marcusConv, messageId: marcusMsg, rating: 'down' }, session),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a conversation id that does not exist',
    req: async () => [`/api/conversations/conv_doesnotexist`, { headers: session }],
    status: 404,
    code: 'not_found',
  },
  {
    name: 'feedback with an unknown rating',
    req: async () =>
      post('/api/feedback', { conversationId: marcusConv, messageId: marcusMsg, rating: 5 }, bearer(await f.token('c_marcus'))),
    status: 400,
    code: 'bad_request',
    field: 'rating',
  },
  {
    name: 'feedback on a message that is not a reply',
    req: async () =>
      post('/api/feedback', { conversationId: marcusConv, messageId: 'msg_nope', rating: 'up' }, bearer(await f.token('c_marcus'))),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'demo token for an unknown email',
    req: async () => post('/api/demo/token', { email: 'nobody@example.com' }),
    status: 404,
    code: 'not_found',
  },
  { name: 'demo token without an email', req: async () => post('/api/demo/token', {}), status: 400, code: 'bad_request', field: 'email' },
  { name: 'admin without a token', req: async () => ['/api/admin/metrics', {}], status: 401, code: 'unauthorized' },
  {
    name: 'admin with a wrong token',
    req: async () => ['/api/admin/metrics', { headers: bearer('admin-token-for-testz') }],
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'admin with a shopper token',
    req: async () => ['/api/admin/metrics', { headers: bearer(await f.token('c_sarah')) }],
    status: 401,
    code: 'unauthorized',
  },
  { name: 'unknown route', req: async () => ['/api/nope', {}], status: 404, code: 'not_found' },
  { name: 'wrong method', req: async () => ['/api/chat', { method: 'GET' }], status: 404, code: 'not_found' },
];

function unsignedToken(payload: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

describe('bad input → the right status and code, and the server keeps serving', () => {
  it.each(cases)('$name → $status $code', async (c) => {
    const res = await f.app.request(...(await c.req()));
    expect(res.status).toBe(c.status);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
    expect(body.error.code).toBe(c.code);
    if (c.field) expect(body.error.message.startsWith(`${c.field}:`)).toBe(true);
    expect(text).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
    expect(text).not.toContain(SECRET);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();

    // The same app still answers a good request.
    const ok = await f.app.request(...post('/api/chat', { message: 'hi' }, session));
    expect(ok.status).toBe(200);
  });

  it('an anonymous shopper reusing their session id keeps their conversation; a new id does not', async () => {
    const first = await f.app.request(...post('/api/chat', { message: 'hello there' }, { 'X-Tailor-Session': 's_owner_session_0001' }));
    const { conversationId } = (await first.json()) as { conversationId: string };
    expect(
      (await f.app.request(`/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': 's_owner_session_0001' } })).status,
    ).toBe(200);
    expect(
      (await f.app.request(`/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': 's_someone_else_0001' } })).status,
    ).toBe(404);
    expect((await f.app.request(`/api/conversations/${conversationId}`)).status).toBe(404);
  });
});

describe('rate limits', () => {
  it('per session: the next message is a 429 with Retry-After; other sessions are unaffected', async () => {
    const g = await buildApp({ rate: { sessionPerMin: 3, ipPerMin: 0 } });
    try {
      const h = { 'X-Tailor-Session': 's_chatty_session_001' };
      for (let i = 0; i < 3; i++) expect((await g.app.request(...post('/api/chat', { message: `hi ${i}` }, h))).status).toBe(200);
      const res = await g.app.request(...post('/api/chat', { message: 'hi again' }, h));
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await g.app.request(...post('/api/chat', { message: 'hi' }, { 'X-Tailor-Session': 's_quiet_session_0001' }))).status).toBe(
        200,
      );
      // Reading a transcript is not a chat message and is not limited.
      expect((await g.app.request('/api/health')).status).toBe(200);
    } finally {
      g.dispose();
    }
  });

  it('per client address: fresh session ids do not get around it', async () => {
    const g = await buildApp({ rate: { sessionPerMin: 100, ipPerMin: 4 } }, { clientIp: '203.0.113.9' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await g.app.request(...post('/api/chat', { message: 'hi' }))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      g.dispose();
    }
  });
});

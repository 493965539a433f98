// Round M2 — attacks on identity, verification, admin and limits that held (the fixed ones are in
// attacks-m2.test.ts). Each asserts what a stranger driving the real HTTP API would get.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { startServer, tempStore } from '../support/server.js';
import {
  ADMIN,
  SECRET,
  appsPerTest,
  assertNoStack,
  freshSession,
  json,
  lastToolResult,
  parseSseBody,
  puppet,
  type SecApp,
  withMcp,
} from './support.js';

const open = appsPerTest();
const MARCUS = DEMO_SHOPPERS.marcus;

/** "VERIFY {json args}" → the model calls verify_customer with exactly those arguments (spaces, case and all). */
function verifyJsonPuppet(s: SecApp): void {
  puppet(s.fake!, (msg, step) =>
    step === 0 && msg.startsWith('VERIFY ') ? [{ name: 'verify_customer', arguments: JSON.parse(msg.slice(7)) }] : null,
  );
}

async function verifyOnce(s: SecApp, email: string, orderNumber: string, ip: string): Promise<string> {
  const res = await s.chat({ message: `VERIFY ${JSON.stringify({ email, orderNumber })}` }, { session: freshSession(), ip });
  expect(res.status).toBe(200);
  await json(res);
  const r = lastToolResult(s.fake!)!;
  return r.ok ? 'ok' : r.error.code;
}

describe('verification: one target however it is written', () => {
  it('case and space variants of a known email, from new sessions, all count against that account (from one client; from many: attacks-r)', async () => {
    const s = await open('fake');
    verifyJsonPuppet(s);
    const variants = ['MARCUS@EXAMPLE.COM', ' marcus@example.com', 'Marcus@Example.Com ', 'mArCuS@eXaMpLe.CoM', 'marcus@EXAMPLE.com'];
    const codes = [];
    for (const [i, email] of variants.entries())
      codes.push(await verifyOnce(s, email.replace('marcus', MARCUS.email.split('@')[0]!), String(91_000 + i), '198.18.1.1'));
    expect(codes).toEqual(Array(5).fill('not_found'));
    expect(await verifyOnce(s, MARCUS.email, '28473', '198.18.1.1')).toBe('locked');
    expect(await verifyOnce(s, MARCUS.email.toUpperCase(), '28473', '198.18.1.1')).toBe('locked');
  });

  it('"#", spaces and leading zeros around a known order number: the same order key, and a padded number never verifies', async () => {
    const s = await open('fake');
    verifyJsonPuppet(s);
    expect(await verifyOnce(s, MARCUS.email, '028473', '198.18.2.1')).toBe('not_found');
    const forms = ['#28473', ' 28473 ', '28473', '#28473 ', '  #28473'];
    for (const [i, order] of forms.entries())
      expect(await verifyOnce(s, `stranger${i}@example.org`, order, '198.18.2.1')).toBe('not_found');
    expect(await verifyOnce(s, MARCUS.email, '#28473', '198.18.2.1')).toBe('locked');
  });

  it('thirty attempts sent at once from thirty conversations of one session: at most ten are checked', async () => {
    const s = await open('fake');
    verifyJsonPuppet(s);
    const session = freshSession();
    const all = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.chat({ message: `VERIFY ${JSON.stringify({ email: `guess${i}@example.net`, orderNumber: String(60_000 + i) })}` }, { session }),
      ),
    );
    for (const r of all) expect(r.status).toBe(200);
    const checked = (
      s.sql.prepare("select count(*) n from events where type = 'verify_failed' and json_extract(data, '$.reason') = 'mismatch'").get() as {
        n: number;
      }
    ).n;
    expect(checked).toBeLessThanOrEqual(10);
    expect(await verifyOnceOn(s, session)).toBe('locked');
  });
});

async function verifyOnceOn(s: SecApp, session: string): Promise<string> {
  await json(await s.chat({ message: `VERIFY ${JSON.stringify({ email: MARCUS.email, orderNumber: '28473' })}` }, { session }));
  const r = lastToolResult(s.fake!)!;
  return r.ok ? 'ok' : r.error.code;
}

describe('racing the turn lock', () => {
  it('eight Confirm presses for one proposal sent at once make one return label and one event', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const events = parseSseBody(await (await s.chat({ message: 'I want to return order 28473' }, { token, sse: true })).text());
    const proposal = (events.find((e) => e.event === 'tool_result' && (e.data as any).name === 'create_return_label')?.data as any).result
      .proposal;
    const conversationId = (events.find((e) => e.event === 'done')?.data as any).conversationId;
    const presses = await Promise.all(
      Array.from({ length: 8 }, () =>
        s.chat({ message: 'Confirm', conversationId, proposal: { id: proposal.proposalId, decision: 'confirm' } }, { token }),
      ),
    );
    for (const r of presses) expect([200, 429]).toContain(r.status);
    expect(s.sql.prepare('select count(*) n from return_labels').get()).toEqual({ n: 1 });
    expect(s.sql.prepare("select count(*) n from events where type = 'return_label_created'").get()).toEqual({ n: 1 });
  });
});

describe('malformed and hostile requests', () => {
  const H = { 'Content-Type': 'application/json' };
  const post = (body: string, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { ...H, ...headers },
    body,
  });
  const admin = { headers: { Authorization: `Bearer ${ADMIN}` } };
  const cases: Array<[string, RequestInit?]> = [
    ['/api/conversations/%E0%A4%A'],
    ['/api/admin/conversations?limit=%E0%A4%A', admin],
    ['/api/admin/conversations?%=1', admin],
    ['/api/admin/conversations?limit=99999999999999999999', admin],
    ['/api/admin/conversations/' + 'x'.repeat(5000), admin],
    ['/api/admin/experiments?persona=%00', admin],
    ['/api/health?x=%E0'],
    ['/api/chat', post('{"message":"hi"}', { 'X-Tailor-Session': 'a'.repeat(5000) })],
    ['/api/chat', post('{"message":"hi"}', { Authorization: `Bearer ${'a'.repeat(10_000)}` })],
    ['/api/chat', post('{"message":"hi"}', { Authorization: 'Bearer e30.e30.e30' })],
    ['/api/chat', post('{"message":"hi"}', { traceparent: `00-${'f'.repeat(32)}-${'f'.repeat(16)}-ff`, tracestate: 'x'.repeat(8000) })],
    ['/api/chat', post('{"message":"\\ud800\\u0000 hi","conversationId":"\\u0000"}')],
    ['/api/chat', post('{"message":"hi","__proto__":{"admin":true},"constructor":{"prototype":{"verified":true}}}')],
    ['/api/chat', post('{"message":"hi","page":{"url":"javascript:alert(1)","referrer":"\\u0000"}}')],
    ['/api/chat', post('['.repeat(8000) + ']'.repeat(8000))],
    ['/api/feedback', post('{"conversationId":"x","messageId":"y","rating":"up","comment":"\\ud800"}')],
    ['/mcp', post('null')],
    ['/mcp', post('{"jsonrpc":"2.0","id":{"a":1},"method":"tools/call","params":null}')],
    ['/mcp', post('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"__proto__","arguments":[]}}')],
    ['/mcp', post(JSON.stringify(Array.from({ length: 200 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'tools/list' }))))],
    ['/mcp', post('{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { 'Mcp-Session-Id': 'x'.repeat(4000) })],
  ];

  it('every one is answered below 500 with no stack or internal path, and the server keeps serving', async () => {
    const s = await open('offline');
    const app = withMcp(s);
    for (const [url, init] of cases) {
      const res = await app.request(url, init);
      expect(res.status, url).toBeLessThan(500);
      assertNoStack(await res.text());
    }
    expect(s.logs.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    expect((await s.chat({ message: 'hi' })).status).toBe(200);
  });

  it('log injection: newlines, ANSI escapes and JSON in a message never forge a log line, and the text is not logged', async () => {
    const s = await open('offline');
    const forged = 'ok\n{"level":"error","msg":"admin_login","user":"root"}\r\n\u001b[2J\u001b[31mSHOPPER-WORDS\u2028';
    const res = await s.chat({ message: forged }, { session: freshSession() });
    expect(res.status).toBe(200);
    expect((await s.app.request('/api/conversations/%0A%1B%5B31mPWNED%0A', { headers: { 'X-Request-Id': 'PWNED' } })).status).toBe(404);
    expect(s.logs.length).toBeGreaterThan(0);
    for (const line of s.logs) {
      for (const raw of ['\n', '\r', '\u001b']) expect(line).not.toContain(raw);
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toContain('SHOPPER-WORDS');
      expect(line).not.toContain('admin_login');
      // A path is logged (it names the route), escaped: its newline and escape arrive as \n and \u001b.
      if (line.includes('PWNED')) expect(JSON.parse(line).path).toContain('\n\u001b[31mPWNED');
    }
  });
});

describe('what a stranger can read without the admin token', () => {
  it('health shows no customer, conversation or email after traffic; /metrics and admin reads are 401 and counted', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const conv = (await json(await s.chat({ message: 'where is my order 28473?' }, { token }))).conversationId as string;
    const health = await (await s.app.request('/api/health')).text();
    for (const secret of [MARCUS.email, MARCUS.id, conv, '28473', ADMIN, SECRET]) expect(health).not.toContain(secret);
    for (const path of ['/metrics', '/api/admin/metrics', `/api/admin/conversations/${conv}`, '/api/admin/conversations']) {
      for (const auth of [undefined, `Bearer ${ADMIN.slice(0, -1)}`, `Bearer ${ADMIN}x`, `Basic ${ADMIN}`, `Bearer ${token}`]) {
        const res = await s.app.request(path, { headers: { 'x-test-client-ip': '198.18.9.1', ...(auth ? { Authorization: auth } : {}) } });
        expect([401, 429], `${path} ${auth}`).toContain(res.status);
        const text = await res.text();
        expect(text).not.toContain(MARCUS.email);
        expect(text).not.toContain(conv);
      }
    }
    // Twenty wrong tries from that address: it is throttled now, even with the right token.
    expect(
      (await s.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN}`, 'x-test-client-ip': '198.18.9.1' } })).status,
    ).toBe(429);
  });

  it("CORS answers the store's exact origin only: look-alikes, other schemes and ports, and null get nothing", async () => {
    const s = await open('offline');
    for (const origin of [
      'https://shop.example.evil.com',
      'https://evil-shop.example',
      'http://shop.example',
      'https://shop.example:8443',
      'null',
    ]) {
      const pre = await s.app.request('/api/chat', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,authorization',
        },
      });
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('the real Node server: the client address is the socket, whatever the headers say', () => {
  it('X-Forwarded-For, X-Real-IP, Forwarded and CF-Connecting-IP spoofing neither spend another budget nor escape the lock-outs; huge headers are a 431', async () => {
    const store = tempStore();
    const server = await startServer({
      dbFile: store.dbFile,
      env: {
        TAILOR_IDENTITY_SECRET: SECRET,
        TAILOR_ADMIN_TOKEN: ADMIN,
        TAILOR_DEMO: '1',
        TAILOR_RATE_SESSION_PER_MIN: '0',
        TAILOR_RATE_IP_PER_MIN: '3',
      },
      timeoutMs: 120_000,
    });
    try {
      const spoof = (i: number) => ({
        'X-Forwarded-For': `10.0.${i}.1, 192.0.2.${i}`,
        'X-Real-IP': `192.0.2.${i}`,
        Forwarded: `for=192.0.2.${i}`,
        'CF-Connecting-IP': `2001:db8:${i}::1`,
        'True-Client-IP': `192.0.2.${i}`,
      });
      const chat = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': freshSession(), ...spoof(i) },
          body: JSON.stringify({ message: 'hi' }),
        });
        chat.push(res.status);
        await res.text();
      }
      expect(chat).toEqual([200, 200, 200, 429, 429]);
      const admin = [];
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${server.url}/api/admin/metrics`, { headers: { Authorization: `Bearer guess-${i}`, ...spoof(i) } });
        admin.push(res.status);
        await res.text();
      }
      expect(admin.slice(10)).toEqual([429, 429]);
      const huge = await fetch(`${server.url}/api/health`, { headers: { 'X-Padding': 'x'.repeat(64 * 1024) } });
      expect(huge.status).toBe(431);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
      store.dispose();
    }
  }, 240_000);
});

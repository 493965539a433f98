// Items 4 and 5, unbounded consumption and secret guessing: demo tokens, tool-call fan-out,
// ticket floods, admin-token guessing, oversized input. Every refusal is a clean 4xx.
import { describe, expect, it } from 'vitest';
import { ADMIN, assertNoStack, freshSession, json, puppet, type SecApp, appsPerTest } from './support.js';

const open = appsPerTest();

const demoToken = (s: SecApp, email: string, ip = '192.0.2.50') =>
  s.app.request('/api/demo/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-test-client-ip': ip },
    body: JSON.stringify({ email }),
  });

describe('demo tokens', () => {
  it('only the showcased shoppers get one; any other customer gets exactly the 404 a stranger gets', async () => {
    const s = await open('offline');
    const generated = (
      s.sql.prepare("select email from customers where id not in ('c_marcus','c_sarah','c_lena') limit 1").get() as { email: string }
    ).email;
    const ok = await demoToken(s, 'marcus@example.com', '192.0.2.1');
    expect(ok.status).toBe(200);
    expect((await json(ok)).customerId).toBe('c_marcus');
    const customer = await demoToken(s, generated, '192.0.2.2');
    const stranger = await demoToken(s, 'no-such-shopper@example.com', '192.0.2.3');
    expect(customer.status).toBe(404);
    expect(stranger.status).toBe(404);
    expect(await json(customer)).toEqual(await json(stranger));
    // Case and spaces do not open another door.
    const upper = await demoToken(s, `  ${generated.toUpperCase()} `, '192.0.2.4');
    expect(upper.status).toBe(404);
  });

  it('is throttled per address: 429 with Retry-After after many requests, even for a showcased email', async () => {
    const s = await open('offline');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await demoToken(s, i % 2 ? `guess${i}@example.com` : 'lena@example.com', '192.0.2.77');
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('Retry-After');
      assertNoStack(await res.text());
    }
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(first429).toBeLessThanOrEqual(21);
    expect(statuses.slice(first429).every((x) => x === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await demoToken(s, 'lena@example.com', '192.0.2.78')).status).toBe(200);
  });
});

describe('tool-call caps', () => {
  it('a model returning 1,000 parallel tool calls in one step gets at most 4 run', async () => {
    const s = await open();
    const calls = Array.from({ length: 1000 }, (_, i) => ({
      id: `call_${i}`,
      name: 'add_to_cart',
      arguments: { productId: 'p_001', size: 'S', quantity: 1 },
    }));
    puppet(s.fake!, (_m, step) => (step === 0 ? calls : null));
    const token = await s.token('c_lena');
    const res = await s.chat({ message: 'add everything' }, { token });
    expect(res.status).toBe(200);
    await json(res);
    const events = (s.sql.prepare("select count(*) n from events where type = 'add_to_cart'").get() as { n: number }).n;
    const qty = (
      s.sql
        .prepare(
          "select coalesce(sum(ci.quantity),0) q from cart_items ci join carts c on c.id = ci.cart_id where c.customer_id = 'c_lena' and ci.variant_id = 'v_1_s'",
        )
        .get() as { q: number }
    ).q;
    expect(events).toBeLessThanOrEqual(4);
    expect(events).toBeGreaterThan(0);
    expect(qty).toBeLessThanOrEqual(4);
    const toolRows = (s.sql.prepare("select count(*) n from messages where role = 'tool'").get() as { n: number }).n;
    expect(toolRows).toBeGreaterThan(0);
  });

  it('a model asking for 4 calls every step for 20 steps runs at most 12 in the turn', async () => {
    const s = await open();
    let n = 0;
    puppet(s.fake!, (_m, step) =>
      step < 20
        ? Array.from({ length: 4 }, () => ({ id: `c_${n++}`, name: 'add_to_cart', arguments: { productId: 'p_001', size: 'M' } }))
        : null,
    );
    const token = await s.token('c_lena');
    const res = await s.chat({ message: 'add lots' }, { token });
    expect(res.status).toBe(200);
    await json(res);
    const events = (s.sql.prepare("select count(*) n from events where type = 'add_to_cart'").get() as { n: number }).n;
    expect(events).toBeLessThanOrEqual(12);
  });
});

describe('ticket floods', () => {
  const escalate = (s: SecApp) =>
    puppet(s.fake!, (_m, step) =>
      step === 0 ? [{ name: 'escalate_to_human', arguments: { reason: 'shopper asked for a person' } }] : null,
    );
  const tickets = (s: SecApp) => (s.sql.prepare('select count(*) n from tickets').get() as { n: number }).n;

  it('tickets from many fresh sessions from one address are capped', async () => {
    const s = await open();
    escalate(s);
    for (let i = 0; i < 25; i++) {
      const res = await s.chat({ message: 'I want a human' }, { session: freshSession(), ip: '198.51.100.99' });
      expect(res.status).toBe(200);
      await json(res);
    }
    expect(tickets(s)).toBeLessThanOrEqual(10);
    expect(tickets(s)).toBeGreaterThan(0);
  });

  it('tickets from many fresh sessions from one address sent all at once are capped too', async () => {
    const s = await open();
    escalate(s);
    const all = await Promise.all(
      Array.from({ length: 25 }, () => s.chat({ message: 'I want a human' }, { session: freshSession(), ip: '198.51.100.98' })),
    );
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(tickets(s)).toBeLessThanOrEqual(10);
    expect(tickets(s)).toBeGreaterThan(0);
  });

  it('one signed-in customer across many conversations and sessions is capped per customer', async () => {
    const s = await open();
    escalate(s);
    const token = await s.token('c_sarah');
    for (let i = 0; i < 8; i++)
      await json(await s.chat({ message: 'human please' }, { token, session: freshSession(), ip: `203.0.113.${i}` }));
    expect((s.sql.prepare("select count(*) n from tickets where customer_id = 'c_sarah'").get() as { n: number }).n).toBeLessThanOrEqual(3);
  });
});

describe('admin token guessing', () => {
  it('500 wrong admin tokens → 429 with Retry-After long before the end; the right token from that address waits too; other addresses are fine', async () => {
    const s = await open('offline');
    const ask = (tok: string, ip = '203.0.113.200') =>
      s.app.request('/api/admin/metrics', { headers: { Authorization: `Bearer ${tok}`, 'x-test-client-ip': ip } });
    let first429 = -1;
    let retryAfter: string | null = null;
    for (let i = 0; i < 500; i++) {
      const res = await ask(`wrong-${i}`);
      if (res.status === 429) {
        first429 = i;
        retryAfter = res.headers.get('Retry-After');
        break;
      }
      expect(res.status).toBe(401);
      assertNoStack(await res.text());
    }
    expect(first429).toBeGreaterThan(0);
    expect(first429).toBeLessThanOrEqual(20);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Keep hammering: still 429, never a 401 that would let a guess through.
    for (let i = 0; i < 30; i++) expect((await ask(`wrong-again-${i}`)).status).toBe(429);
    expect((await ask(ADMIN)).status).toBe(429);
    expect((await ask(ADMIN, '203.0.113.201')).status).toBe(200);
  });
});

describe('oversized and malformed input', () => {
  it('a 5,000-character message is a 400 (bad_request or too_large), never a 5xx, never a stack', async () => {
    const s = await open('offline');
    const res = await s.chat({ message: 'a'.repeat(5000) });
    expect([400, 413]).toContain(res.status);
    const body = await json(res);
    expect(['bad_request', 'too_large']).toContain(body.error.code);
  });

  it('malformed bodies, huge bodies and wrong types are 4xx with no stack', async () => {
    const s = await open('offline');
    const raw = (body: string, headers: Record<string, string> = {}) =>
      s.app.request('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    const cases = [
      await raw('{"message":'),
      await raw(JSON.stringify({ message: 42 })),
      await raw(JSON.stringify({ message: 'hi', conversationId: "x' or 1=1 --" })),
      await raw(JSON.stringify({ message: 'hi', proposal: { id: 'prop_x', decision: 'approve-all' } })),
      await raw(JSON.stringify({ message: 'hi', page: { url: 'x'.repeat(5000) } })),
      await raw(JSON.stringify({ message: 'x'.repeat(2_000_000) })),
      await raw(JSON.stringify({ message: 'hi' }), { Authorization: 'Bearer not.a.jwt' }),
      await raw(JSON.stringify({ message: 'hi' }), { Authorization: 'Basic abc' }),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = await json(res);
      expect(body.error?.code).toBeTruthy();
    }
  });
});

describe('no stack traces, whatever the model does', () => {
  it('an upstream that fails, a model that sends broken tool arguments or unknown tools: clean answers, no stack (JSON and SSE)', async () => {
    const s = await open();
    s.fake!.handle((_b, i) =>
      i === 0 ? { kind: 'status', status: 500, message: 'Traceback (most recent call last): at /srv/model.py:12' } : { content: 'fine' },
    );
    const failed = await s.chat({ message: 'hi' }, { session: freshSession() });
    expect(failed.status).toBeLessThan(600);
    const failedText = await failed.text();
    assertNoStack(failedText);
    expect(failedText).not.toContain('/srv/model.py');

    s.fake!.reset();
    puppet(s.fake!, (_m, step) =>
      step === 0
        ? [
            { name: 'add_to_cart', arguments: '{"productId": "p_001", "size": ' },
            { name: 'drop_all_tables', arguments: { really: true } },
            { name: 'lookup_order', arguments: { orderNumber: '1 OR 1=1; DROP TABLE orders; --' } },
          ]
        : null,
    );
    for (const sse of [false, true]) {
      const res = await s.chat({ message: 'do things' }, { session: freshSession(), sse });
      expect(res.status).toBe(200);
      assertNoStack(await res.text());
    }
    expect((s.sql.prepare('select count(*) n from orders').get() as { n: number }).n).toBeGreaterThan(0);
  });
});

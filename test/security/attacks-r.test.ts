// Round R — what attackers reported and found open: verification lock-out as a denial of service, a Shopify
// webhook replayed under a new id, a failure table that only grew, a client's traceparent forcing traces, and an MCP
// call with wrong-typed arguments answered with the SDK's schema dump.
import { describe, expect, it } from 'vitest';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { loadConfig } from '../../src/config.js';
import { DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { createOtlpTracing, serverSampler } from '../../src/telemetry/node.js';
import { buildTelemetryApp, startOtlpReceiver } from '../telemetry/support.js';
import { appsPerTest, assertNoStack, countOf, deliverShopify, json, verifyFrom, verifyPuppet, WEBHOOK_SECRET, withMcp } from './support.js';

const open = appsPerTest();
const MARCUS = DEMO_SHOPPERS.marcus;
const MARCUS_ORDER = '28473';

describe('verification lock-out is no denial of service, and guessing stays bounded', () => {
  it('a stranger who knows a shopper’s email and fails again and again from one address locks only their own tries: the owner verifies at once', async () => {
    const s = await open();
    verifyPuppet(s);
    const stranger = '203.0.113.66';
    const codes: string[] = [];
    for (let i = 0; i < 35; i++) codes.push(await verifyFrom(s, stranger, MARCUS.email, String(40_000 + i)));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('not_found'));
    expect(codes.slice(5).every((c) => c === 'locked')).toBe(true);
    // The stranger's own tries stay locked, even with the right details.
    expect(await verifyFrom(s, stranger, MARCUS.email, MARCUS_ORDER)).toBe('locked');
    // The owner, from their own address: verified (the refused tries never counted against the account).
    expect(await verifyFrom(s, '192.0.2.44', MARCUS.email, MARCUS_ORDER)).toBe('ok');
  });

  it('a patient stranger, five tries every sixteen minutes for two hours, still never locks the owner out', async () => {
    const s = await open();
    verifyPuppet(s);
    // 35 tries: were a quarter-hour's five let through again each time, they would pass the account's ceiling of 30.
    for (let round = 0; round < 7; round++) {
      for (let i = 0; i < 5; i++) await verifyFrom(s, '203.0.113.68', MARCUS.email, String(60_000 + round * 10 + i));
      s.clock.advance(16 * 60_000);
    }
    expect(await verifyFrom(s, '192.0.2.49', MARCUS.email, MARCUS_ORDER)).toBe('ok');
  });

  it('a stranger who knows an order number locks only their own tries at it too', async () => {
    const s = await open();
    verifyPuppet(s);
    for (let i = 0; i < 8; i++) await verifyFrom(s, '203.0.113.67', `guess${i}@example.org`, MARCUS_ORDER);
    expect(await verifyFrom(s, '203.0.113.67', MARCUS.email, MARCUS_ORDER)).toBe('locked');
    expect(await verifyFrom(s, '192.0.2.45', MARCUS.email, MARCUS_ORDER)).toBe('ok');
  });

  it('guessing one account from many addresses meets the account’s own ceiling: then even the right details from a new address are refused', async () => {
    const s = await open();
    verifyPuppet(s);
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) codes.push(await verifyFrom(s, `198.18.7.${i}`, MARCUS.email, String(50_000 + i)));
    expect(codes.slice(0, 30)).toEqual(Array(30).fill('not_found'));
    expect(codes[30]).toBe('locked');
    expect(await verifyFrom(s, '192.0.2.46', MARCUS.email, MARCUS_ORDER)).toBe('locked');
    expect(countOf(s, "select count(*) n from events where type = 'verified'")).toBe(0);
    // An hour later the account's first lock-out is over: the owner gets in.
    s.clock.advance(61 * 60_000);
    expect(await verifyFrom(s, '192.0.2.46', MARCUS.email, MARCUS_ORDER)).toBe('ok');
  });
});

describe('the verification failure table is pruned', () => {
  it('rows past their window and a quiet day go on the next attempt; a live lock and a recent count stay', async () => {
    const s = await open();
    verifyPuppet(s);
    const day = 24 * 3_600_000;
    const now = s.clock.now;
    const put = s.sql.prepare(
      'insert into auth_failures (key, failures, window_start, locked_until, locks, updated_at) values (?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < 50; i++) put.run(`verify:email:old${i}`, 3, now - 3 * day, now - 2 * day, 1, now - 2 * day);
    put.run('verify:email:still-locked', 0, now - 2 * day, now + day, 5, now - 2 * day);
    put.run('verify:email:recent', 2, now - 60_000, 0, 0, now - 60_000);
    expect(countOf(s, "select count(*) n from auth_failures where key like 'verify:email:old%'")).toBe(50);
    await verifyFrom(s, '192.0.2.47', 'someone@example.org', '12345');
    expect(countOf(s, "select count(*) n from auth_failures where key like 'verify:email:old%'")).toBe(0);
    expect(countOf(s, "select count(*) n from auth_failures where key in ('verify:email:still-locked', 'verify:email:recent')")).toBe(2);
    // The attempt's own keys, a day and a minute later and untouched since: gone at the next attempt.
    const own = countOf(s, 'select count(*) n from auth_failures');
    expect(own).toBeGreaterThan(2);
    s.clock.advance(day + 2 * 60_000);
    await verifyFrom(s, '192.0.2.48', 'other@example.org', '12346');
    expect(countOf(s, "select count(*) n from auth_failures where key = 'verify:email:recent'")).toBe(0);
  });
});

describe('Shopify webhooks are applied only when fresh', () => {
  const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

  it('a signed delivery replayed under a new id later, or dated ahead, is not applied; a retry of the same id is a duplicate', async () => {
    const s = await open({ model: 'offline', config: { shopifyWebhookSecret: WEBHOOK_SECRET } });
    const body = JSON.stringify({ id: 7001, title: 'Replay jacket', variants: [] });
    const rows = () => countOf(s, 'select count(*) n from webhook_events');
    const first = await json(await deliverShopify(s, body, { 'X-Shopify-Webhook-Id': 'w-1', 'X-Shopify-Triggered-At': at(-1000) }));
    expect(first).toMatchObject({ ok: true, queued: true });
    expect(await json(await deliverShopify(s, body, { 'X-Shopify-Webhook-Id': 'w-1', 'X-Shopify-Triggered-At': at(-1000) }))).toMatchObject(
      {
        duplicate: true,
      },
    );
    for (const triggered of [at(-6 * 60_000), at(-3 * 86_400_000), at(10 * 60_000)]) {
      const res = await deliverShopify(s, body, { 'X-Shopify-Webhook-Id': crypto.randomUUID(), 'X-Shopify-Triggered-At': triggered });
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ ok: true, queued: false });
    }
    for (const triggered of [null, 'yesterday', '1700000000']) {
      const res = await deliverShopify(s, body, { 'X-Shopify-Webhook-Id': crypto.randomUUID(), 'X-Shopify-Triggered-At': triggered });
      expect(res.status).toBe(400);
    }
    expect(rows()).toBe(1);
  });
});

describe('a client’s traceparent does not decide what is traced', () => {
  const TRACE = 'abcdef0123456789abcdef0123456789';
  const PARENT = '0123456789abcdef';

  it('with the server tracing no turns, a sampled traceparent records nothing; tracing all, the turn keeps the caller as its parent', async () => {
    const receiver = await startOtlpReceiver();
    // The Node entry's path: the share comes from OTEL_TRACES_SAMPLER_ARG.
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER_ARG: '0' });
    expect(config.tracing?.sampleRatio).toBe(0);
    const none = createOtlpTracing(config.tracing!);
    const all = createOtlpTracing({ url: `${receiver.url}/v1/traces`, serviceName: 'r', sampleRatio: 1, scheduledDelayMillis: 10 });
    const quiet = await buildTelemetryApp({ tracerProvider: none.provider });
    const traced = await buildTelemetryApp({ tracerProvider: all.provider });
    try {
      const headers = { traceparent: `00-${TRACE}-${PARENT}-01` };
      for (let i = 0; i < 3; i++) expect((await quiet.chat('hello', { headers })).status).toBe(200);
      await none.flush();
      expect(receiver.spans.filter((x) => x.traceId === TRACE)).toEqual([]);
      expect((await traced.chat('hello', { headers: { traceparent: `00-${TRACE}-${PARENT}-00` } })).status).toBe(200);
      await all.flush();
      const turn = receiver.spans.find((x) => x.traceId === TRACE && x.attributes['gen_ai.operation.name'] === 'invoke_agent');
      expect(turn?.parentSpanId).toBe(PARENT);
    } finally {
      await quiet.dispose();
      await traced.dispose();
      await none.shutdown();
      await all.shutdown();
      await receiver.close();
    }
  });

  it('the server’s sampler draws its own share for a remote parent, whatever its flag or trace id; spans inside a turn follow the turn', () => {
    const remote = (flags: number) =>
      trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: PARENT, traceFlags: flags, isRemote: true });
    const local = (flags: number) => trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: PARENT, traceFlags: flags });
    const decide = (ratio: number, draw: number, ctx = ROOT_CONTEXT) =>
      serverSampler(ratio, () => draw).shouldSample(ctx, TRACE, 'invoke_agent', 0, {}, []).decision;
    expect(decide(0.1, 0.5, remote(TraceFlags.SAMPLED))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(0.1, 0.05, remote(TraceFlags.NONE))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(0.1, 0.5)).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(0.1, 0.5, local(TraceFlags.SAMPLED))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(1, 0.99, local(TraceFlags.NONE))).toBe(SamplingDecision.NOT_RECORD);
  });
});

describe('MCP calls with wrong-typed arguments', () => {
  const post = (app: ReturnType<typeof withMcp>, body: unknown) =>
    app.request('/mcp', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify(body),
    });
  const call = (id: number, params: unknown) => ({ jsonrpc: '2.0', id, method: 'tools/call', params });

  it('arguments that are a list, a string, a number or null, or a name that is no string: a short Invalid params naming the field, no schema dump', async () => {
    const s = await open('offline');
    const app = withMcp(s);
    const cases: Array<[unknown, RegExp]> = [
      [
        { name: 'search_products', arguments: ['linen', 'shirt'] },
        /^Invalid params: arguments must be an object of named values, not a list\.$/,
      ],
      [{ name: 'search_products', arguments: 'linen shirt' }, /arguments must be an object of named values, not a string/],
      [{ name: 'get_product', arguments: 7 }, /arguments .* not a number/],
      [{ name: 'get_product', arguments: null }, /arguments .* not null/],
      [{ name: 42, arguments: {} }, /^Invalid params: name must be a string, not a number\.$/],
      [['search_products'], /params must be an object, not a list/],
    ];
    for (const [params, message] of cases) {
      const res = await post(app, call(9, params));
      expect(res.status).toBe(200);
      const text = await res.text();
      assertNoStack(text);
      expect(text).not.toMatch(/"expected"|"path"|invalid_type|Invalid input/);
      const body = JSON.parse(text);
      expect(body).toMatchObject({ jsonrpc: '2.0', id: 9, error: { code: -32602 } });
      expect(body.error.message).toMatch(message);
      expect(body.error.message.length).toBeLessThan(100);
    }
  });

  it('in a batch, the bad call gets its short error and the others their answers', async () => {
    const s = await open('offline');
    const res = await post(withMcp(s), [
      call(1, { name: 'search_products', arguments: ['x'] }),
      call(2, { name: 'store_policy', arguments: { topic: 'sizing' } }),
    ]);
    expect(res.status).toBe(200);
    const out = (await res.json()) as Array<{ id: number; error?: { message: string }; result?: unknown }>;
    const byId = new Map(out.map((r) => [r.id, r]));
    expect(byId.get(1)?.error?.message).toMatch(/arguments must be an object/);
    expect(byId.get(2)?.result).toBeDefined();
  });
});

// Spans as a collector receives them: the app exports over OTLP/HTTP (JSON) to a local receiver;
// the turn is `invoke_agent`, a child of the caller's traceparent, with `chat` and `execute_tool`
// children carrying the GenAI semantic-convention attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createOtlpTracing, type OtlpTracing } from '../../src/telemetry/node.js';
import { createOpenAIProvider, createOfflineProvider } from '../../src/agent/index.js';
import { orderLookupHandler, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { buildTelemetryApp, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan, type TelemetryApp } from './support.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const traceparent = `00-${TRACE_ID}-${PARENT_ID}-01`;

let receiver: OtlpReceiver;
let tracing: OtlpTracing;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // The Node entry's path: the collector address comes from the standard OTEL_* variables.
  const config = loadConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`,
    OTEL_SERVICE_NAME: 'tailor-test',
  });
  expect(config.tracing).toEqual({
    url: `${receiver.url}/v1/traces`,
    serviceName: 'tailor-test',
  });
  tracing = createOtlpTracing(config.tracing!);
});
afterAll(async () => {
  await tracing.shutdown();
  await receiver.close();
});

const byId = (spans: ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));
const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);

describe('traces exported over OTLP/HTTP', () => {
  let t: TelemetryApp;
  beforeAll(async () => {
    t = await buildTelemetryApp({ tracerProvider: tracing.provider });
  });
  afterAll(() => t.dispose());

  it('an offline-model turn with a tool call: invoke_agent under the caller’s span, chat and execute_tool under it', async () => {
    const token = await t.token('marcus@example.com');
    const res = await t.chat('where is my order 28473?', {
      token,
      headers: {
        traceparent,
        tracestate: 'vendor=abc',
        'X-Request-Id': 'req-trace-1',
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      conversationId: string;
      toolCalls: Array<{ name: string }>;
      persona: { id: string; version: string };
    };
    expect(body.toolCalls.map((c) => c.name)).toContain('lookup_order');
    await tracing.flush();

    const spans = inTrace(TRACE_ID);
    expect(receiver.contentTypes[0]).toMatch(/application\/json/);
    const turn = spans.find((s) => s.attributes['gen_ai.operation.name'] === 'invoke_agent')!;
    expect(turn).toBeDefined();
    expect(turn.parentSpanId).toBe(PARENT_ID);
    expect(turn.service).toBe('tailor-test');
    expect(turn.name).toBe(`invoke_agent ${body.persona.id}`);
    expect(turn.attributes).toMatchObject({
      'gen_ai.agent.name': body.persona.id,
      'gen_ai.agent.version': body.persona.version,
      'gen_ai.conversation.id': body.conversationId,
      'gen_ai.provider.name': 'tailor',
      'gen_ai.request.model': 'offline',
      'tailor.segment': 'repeat_buyer',
      'tailor.request.id': 'req-trace-1',
      'tailor.turn.outcome': 'reply',
    });
    expect(turn.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(turn.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);

    const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    const tools = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'execute_tool');
    expect(chats.length).toBeGreaterThanOrEqual(2); // asks for the tool, then answers with its result
    expect(tools.map((s) => s.name)).toContain('execute_tool lookup_order');
    for (const s of [...chats, ...tools]) expect(s.parentSpanId).toBe(turn.spanId);
    for (const c of chats) {
      expect(c.name).toBe('chat offline');
      expect(c.kind).toBe(3); // CLIENT
      expect(c.attributes).toMatchObject({
        'gen_ai.provider.name': 'tailor',
        'gen_ai.request.model': 'offline',
        'gen_ai.conversation.id': body.conversationId,
      });
      expect(c.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    }
    const lookup = tools.find((s) => s.attributes['gen_ai.tool.name'] === 'lookup_order')!;
    expect(String(lookup.attributes['gen_ai.tool.call.id'])).not.toBe('');
    expect(lookup.status.code ?? 0).not.toBe(2); // not ERROR: Marcus owns 28473
    // The message text goes nowhere near a span.
    expect(JSON.stringify(spans)).not.toContain('where is my order');
  });

  it('no traceparent: the turn starts its own trace', async () => {
    const before = new Set(receiver.spans.map((s) => s.traceId));
    const res = await t.chat('hi');
    expect(res.status).toBe(200);
    await tracing.flush();
    const fresh = receiver.spans.filter((s) => !before.has(s.traceId));
    const turn = fresh.find((s) => s.attributes['gen_ai.operation.name'] === 'invoke_agent')!;
    expect(turn.parentSpanId).toBe('');
    expect(fresh.filter((s) => s.traceId === turn.traceId && s.parentSpanId === turn.spanId).length).toBeGreaterThanOrEqual(1);
  });
});

describe('an OpenAI-compatible model', () => {
  let fake: FakeOpenAI;
  let t: TelemetryApp;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      baseURL: fake.url,
      timeoutMs: 2000,
      maxRetries: 0,
    });
    t = await buildTelemetryApp({
      provider,
      fallback: createOfflineProvider(),
      tracerProvider: tracing.provider,
    });
  });
  afterAll(async () => {
    await t.dispose();
    await fake.close();
  });

  it('chat spans name the provider and model with the usage the API reported; the tool span has its call id', async () => {
    fake.handle(orderLookupHandler());
    const traceId = 'a'.repeat(32);
    const token = await t.token('marcus@example.com');
    const res = await t.chat('where is my order 28473?', {
      token,
      headers: { traceparent: `00-${traceId}-${'b'.repeat(16)}-01` },
    });
    expect(res.status).toBe(200);
    await tracing.flush();
    const spans = inTrace(traceId);
    const turn = spans.find((s) => s.attributes['gen_ai.operation.name'] === 'invoke_agent')!;
    expect(turn.parentSpanId).toBe('b'.repeat(16));
    expect(turn.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 820,
      'gen_ai.usage.output_tokens': 30,
    });
    const chats = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats.map((c) => c.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini']);
    expect(chats.map((c) => [c.attributes['gen_ai.usage.input_tokens'], c.attributes['gen_ai.usage.output_tokens']])).toEqual([
      [400, 18],
      [420, 12],
    ]);
    for (const c of chats)
      expect(c.attributes).toMatchObject({
        'gen_ai.system': 'openai',
        'gen_ai.provider.name': 'openai',
        'tailor.fallback': false,
      });
    const tool = spans.find((s) => s.attributes['gen_ai.operation.name'] === 'execute_tool')!;
    expect(tool.attributes).toMatchObject({
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': 'call_lookup',
    });
    expect(byId(spans).get(tool.parentSpanId)).toBe(turn);
  });

  it('a failing model call is an error span (error.type), and the fallback’s call follows it', async () => {
    fake.reset();
    fake.script({ kind: 'status', status: 500 });
    const traceId = 'c'.repeat(32);
    const res = await t.chat('Do you ship to Canada?', {
      headers: { traceparent: `00-${traceId}-${'d'.repeat(16)}-01` },
    });
    expect(res.status).toBe(200);
    await tracing.flush();
    const chats = inTrace(traceId).filter((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats[0]).toMatchObject({
      name: 'chat gpt-4o-mini',
      attributes: expect.objectContaining({ 'error.type': 'server_error' }),
      status: expect.objectContaining({ code: 2 }),
    });
    expect(chats[1]).toMatchObject({
      name: 'chat offline',
      attributes: expect.objectContaining({ 'tailor.fallback': true }),
    });
    const turn = inTrace(traceId).find((s) => s.attributes['gen_ai.operation.name'] === 'invoke_agent')!;
    expect(turn.attributes['tailor.model']).toBe('offline (fallback)');
  });
});

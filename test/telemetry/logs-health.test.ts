// What an operator reads: one JSON line per turn (ids, counts, names; never the message text),
// /api/health going "degraded" while the model fails and turns are served by the fallback, and
// the startup line naming the address the server really listens on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider, createOfflineProvider } from '../../src/agent/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { startServer, tempStore } from '../support/server.js';
import { ADMIN, buildTelemetryApp, type TelemetryApp } from './support.js';

const SECRET_WORDS = 'zebra-unicorn-7731';
const lines = (t: TelemetryApp) => t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the turn log line', () => {
  let t: TelemetryApp;
  beforeAll(async () => {
    t = await buildTelemetryApp();
  });
  afterAll(() => t.dispose());

  it('carries the request id (echoed), conversation, segment, persona, variant, model, tokens, latency, tools and outcome', async () => {
    const token = await t.token('marcus@example.com');
    const res = await t.chat(`${SECRET_WORDS} where is my order 28473?`, {
      token,
      headers: { 'X-Request-Id': 'req-log-42' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBe('req-log-42');
    const body = (await res.json()) as {
      conversationId: string;
      usage: { inputTokens: number; outputTokens: number; modelCalls: number };
      persona: { id: string; variant: string | null };
    };
    const turns = lines(t).filter((l) => l.msg === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      level: 'info',
      requestId: 'req-log-42',
      conversationId: body.conversationId,
      turn: 1,
      segment: 'repeat_buyer',
      persona: body.persona.id,
      variant: body.persona.variant,
      model: 'offline',
      modelCalls: body.usage.modelCalls,
      inputTokens: body.usage.inputTokens,
      outputTokens: body.usage.outputTokens,
      tools: ['lookup_order'],
      outcome: 'reply',
    });
    expect(turns[0]!.latencyMs).toEqual(expect.any(Number));
    expect('variant' in turns[0]!).toBe(true);
  });

  it('mints a request id when none came, and uses the same one in the header and the line', async () => {
    const res = await t.chat(`${SECRET_WORDS} do you have red dresses under $150?`);
    expect(res.status).toBe(200);
    const id = res.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      lines(t)
        .filter((l) => l.msg === 'turn')
        .at(-1),
    ).toMatchObject({ requestId: id, segment: 'new_visitor' });
  });

  it('never contains the message text, at any level it writes', () => {
    expect(t.logs.length).toBeGreaterThan(2);
    for (const line of t.logs) expect(line).not.toContain(SECRET_WORDS);
  });
});

describe('/api/health while the model fails', () => {
  let fake: FakeOpenAI;
  let t: TelemetryApp;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      baseURL: fake.url,
      timeoutMs: 1500,
      maxRetries: 0,
    });
    t = await buildTelemetryApp({
      provider,
      fallback: createOfflineProvider(),
    });
  });
  afterAll(async () => {
    await t.dispose();
    await fake.close();
  });

  const health = async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    return (await res.json()) as {
      status: string;
      reason?: string;
      model: string;
      db: string;
      modelCalls: {
        recent: number;
        failed: number;
        lastFailure: { cause: string } | null;
      };
    };
  };
  const turn = async (message: string) => {
    const res = await t.chat(`${SECRET_WORDS} ${message}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { model: string; reply: string };
  };

  it('is ok before any call, degraded once calls time out and fail while turns are served by the fallback, ok when calls succeed again', async () => {
    expect(await health()).toMatchObject({
      status: 'ok',
      db: 'ok',
      model: 'openai:gpt-4o-mini',
      modelCalls: { recent: 0, failed: 0 },
    });

    fake.script({ kind: 'status', status: 500 });
    expect((await turn('Do you ship to Canada?')).model).toBe('offline (fallback)');
    // One failure is not yet a pattern.
    expect((await health()).status).toBe('ok');

    fake.script({ kind: 'hang' });
    const served = await turn('What is your return policy?');
    expect(served.model).toBe('offline (fallback)');
    expect(served.reply.length).toBeGreaterThan(10);
    const degraded = await health();
    expect(degraded).toMatchObject({
      status: 'degraded',
      db: 'ok',
      model: 'openai:gpt-4o-mini',
      modelCalls: { recent: 2, failed: 2, lastFailure: { cause: 'timeout' } },
    });
    expect(degraded.reason).toMatch(/model failing: all 2 model calls of the last minute failed/);
    expect(degraded.reason).toMatch(/timeout/);
    expect(degraded.reason).toMatch(/server_error/);
    const metrics = await (
      await t.app.request('/metrics', {
        headers: { Authorization: `Bearer ${ADMIN}` },
      })
    ).text();
    expect(metrics).toMatch(/^tailor_model_degraded 1$/m);
    expect(metrics).toMatch(/^tailor_model_calls_total\{model="openai:gpt-4o-mini",outcome="timeout"\} 1$/m);
    expect(metrics).toMatch(/^tailor_model_calls_total\{model="offline",outcome="ok"\} \d+$/m);

    fake.script(
      { content: 'We ship to Canada in 5–7 days.' },
      { content: 'Returns are free within 30 days.' },
      { content: 'Happy to help.' },
    );
    expect((await turn('Do you ship to Canada?')).model).toBe('openai:gpt-4o-mini');
    // Two of the last three failed: still degraded.
    expect((await health()).status).toBe('degraded');
    await turn('and returns?');
    await turn('thanks');
    const back = await health();
    expect(back).toMatchObject({
      status: 'ok',
      modelCalls: { recent: 5, failed: 2 },
    });
    expect(back.reason).toBeUndefined();
    for (const line of t.logs) expect(line).not.toContain(SECRET_WORDS);
  });
});

describe('the startup line', () => {
  it('names the address really bound: one interface exactly; all interfaces as such, with a local URL that works', async () => {
    const store = tempStore();
    try {
      const one = await startServer({
        dbFile: store.dbFile,
        env: { TAILOR_HOST: '127.0.0.1' },
      });
      try {
        expect(one.output()).toMatch(/Tailor listening on http:\/\/127\.0\.0\.1:\d+ \(model: offline/);
        expect(one.output()).not.toMatch(/localhost/);
      } finally {
        await one.stop();
      }
      const all = await startServer({ dbFile: store.dbFile });
      try {
        const m =
          /Tailor listening on http:\/\/(\[::\]|0\.0\.0\.0):(\d+) \(all [^;]*interfaces[^;]*; on this machine: (http:\/\/localhost:\d+)\) \(model: offline/.exec(
            all.output(),
          );
        expect(m, all.output()).not.toBeNull();
        expect(m![3]).toBe(`http://localhost:${m![2]}`);
        expect((await fetch(`${m![3]}/api/health`)).status).toBe(200);
      } finally {
        await all.stop();
      }
    } finally {
      store.dispose();
    }
  }, 90_000);
});

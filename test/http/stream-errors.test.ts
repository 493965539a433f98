// A turn that fails after streaming began: the SSE stream ends with exactly one `error` event
// in the contract's shape (never the raw exception text), and the JSON path gives a 500.
// The chat service here is a scripted implementation of the ChatService interface, because
// a real turn cannot be made to throw half-way on demand.
import { afterAll, describe, expect, it } from 'vitest';
import { TailorError } from '../../src/core/index.js';
import type { ChatEvent, ChatService } from '../../src/chat/index.js';
import { createApp } from '../../src/http/index.js';
import { tempDb } from '../support/db.js';
import { parseSse, post } from './requests.js';

const segment = { id: 'new_visitor', rule: 'first-session', reasons: ['1 session ≤ 1'] };
const persona = { id: 'new-visitor', version: 'sha256:abc', variant: null };

const scripted: ChatService = {
  async *turn(input): AsyncGenerator<ChatEvent> {
    yield { type: 'meta', conversationId: 'conv_1', segment, persona, model: 'offline' };
    yield { type: 'delta', text: 'Let me ' };
    if (input.message === 'explode') throw new Error('SQLITE_CORRUPT: secret internals at /srv/tailor.db');
    if (input.message === 'busy') throw new TailorError('upstream_unavailable', 'The model is unavailable, please retry');
    yield { type: 'delta', text: 'check.' };
    yield {
      type: 'done',
      response: {
        conversationId: 'conv_1',
        messageId: 'msg_1',
        reply: 'Let me check.',
        segment,
        persona,
        toolCalls: [],
        usage: { modelCalls: 1, inputTokens: 10, outputTokens: 3 },
        model: 'offline',
      },
    };
  },
  transcript: async () => null,
};

const h = tempDb();
afterAll(() => h.dispose());
const app = createApp({
  config: {
    identitySecret: null,
    adminToken: null,
    demo: false,
    demoShoppers: [],
    allowedOrigins: [],
    rate: { sessionPerMin: 0, ipPerMin: 0 },
  },
  chat: scripted,
  db: h.db,
  now: Date.now,
  ids: (p) => `${p}_1`,
  modelName: 'offline',
  personas: { reload: async () => ({ ok: true, errors: [] }) },
});
const sse = { Accept: 'text/event-stream' };

describe('failures during a turn', () => {
  it('SSE: one error event with a safe message ends the stream', async () => {
    const res = await app.request(...post('/api/chat', { message: 'explode' }, sse));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('SQLITE_CORRUPT');
    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual(['meta', 'delta', 'error']);
    expect(events[2]!.data).toEqual({ code: 'internal', message: 'Internal error' });
  });

  it('SSE: a domain error keeps its code and message', async () => {
    const events = parseSse(await (await app.request(...post('/api/chat', { message: 'busy' }, sse))).text());
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: { code: 'upstream_unavailable', message: 'The model is unavailable, please retry' },
    });
  });

  it('JSON: the same failures are a 500 internal and a 503 upstream_unavailable', async () => {
    const a = await app.request(...post('/api/chat', { message: 'explode' }));
    expect(a.status).toBe(500);
    expect(await a.text()).toBe('{"error":{"code":"internal","message":"Internal error"}}');
    const b = await app.request(...post('/api/chat', { message: 'busy' }));
    expect(b.status).toBe(503);
  });

  it('a successful stream still ends with done', async () => {
    const events = parseSse(await (await app.request(...post('/api/chat', { message: 'fine' }, sse))).text());
    expect(events.map((e) => e.event)).toEqual(['meta', 'delta', 'delta', 'done']);
  });
});

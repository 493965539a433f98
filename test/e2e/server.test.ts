// The real Node server as a child process on a free port with its own SQLite file: each demo
// shopper's conversation, SSE over a socket, ownership, feedback, admin auth and metrics that
// count what those conversations did, and hostile input that leaves the server serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';
import type { ChatJson } from '../support/tailor.js';

const ADMIN = 'e2e-admin-token-123';
let store: TempStore;
let server: RunningServer;

beforeAll(async () => {
  store = tempStore();
  server = await startServer({
    dbFile: store.dbFile,
    env: { TAILOR_ADMIN_TOKEN: ADMIN, TAILOR_RATE_SESSION_PER_MIN: '20', TAILOR_RATE_IP_PER_MIN: '0' },
  });
}, 60_000);
afterAll(async () => {
  expect(await server.stop('SIGTERM')).toBe(0);
  store.dispose();
});

async function demoToken(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function chat(message: string, opts: { token?: string; session?: string; conversationId?: string } = {}): Promise<ChatJson> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.session) headers['X-Tailor-Session'] = opts.session;
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ message, conversationId: opts.conversationId }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as ChatJson;
}

const tools = (r: ChatJson) => r.toolCalls.map((t) => t.name);
const convs: Record<string, ChatJson> = {};

describe('a conversation for each demo shopper', () => {
  it('prints where it listens and which model serves', () => {
    // Bound to every interface (issue 24): it says so, and gives the URL that works on this machine.
    expect(server.output()).toMatch(
      /listening on http:\/\/(\[::\]|0\.0\.0\.0):\d+ \(all [^;]*interfaces[^;]*; on this machine: http:\/\/localhost:\d+\) \(model: offline/,
    );
  });

  it('Lena (new visitor) searches and adds to her cart', async () => {
    const token = await demoToken('lena@example.com');
    const first = await chat('do you have red dresses under $150?', { token });
    expect(first.segment.id).toBe('new_visitor');
    expect(first.persona.id).toBe('new-visitor');
    expect(tools(first)).toContain('search_products');
    expect(first.reply).toMatch(/\$\d+/);
    const add = await chat('add the first one in size M to my cart', { token, conversationId: first.conversationId });
    expect(tools(add)).toContain('add_to_cart');
    expect(add.toolCalls.find((t) => t.name === 'add_to_cart')?.ok).toBe(true);
    convs.lena = first;
  });

  it('Marcus (repeat buyer) checks an order and returns it with confirmation', async () => {
    const token = await demoToken('marcus@example.com');
    const order = await chat('where is my order 28473?', { token });
    expect(order.segment).toMatchObject({ id: 'repeat_buyer' });
    expect(order.persona.id).toBe('repeat-buyer');
    expect(order.toolCalls[0]).toMatchObject({ name: 'lookup_order', args: { orderNumber: '28473' }, ok: true });
    expect(order.reply).toContain('28473');
    const ask = await chat('I want to return order 28473', { token, conversationId: order.conversationId });
    expect(tools(ask)).toContain('create_return_label');
    const yes = await chat('yes please', { token, conversationId: order.conversationId });
    expect(yes.toolCalls.find((t) => t.name === 'create_return_label')).toMatchObject({
      args: expect.objectContaining({ confirm: true }),
      ok: true,
    });
    convs.marcus = order;
  });

  it('Sarah (VIP) is greeted by name and gets priority help from a human', async () => {
    const token = await demoToken('sarah@example.com');
    const hi = await chat('hi', { token });
    expect(hi.segment).toMatchObject({ id: 'vip' });
    expect(hi.segment.reasons.join(' ')).toMatch(/orders/);
    expect(hi.persona.id).toBe('vip');
    expect(hi.reply).toContain('Sarah');
    const human = await chat('can I talk to a real person please', { token, conversationId: hi.conversationId });
    expect(tools(human)).toContain('escalate_to_human');
    convs.sarah = hi;
  });

  it('an anonymous visitor gets the new-visitor persona and a session to keep', async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'hello' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Tailor-Session')).toMatch(/^s_[0-9a-f]{32}$/);
    expect(((await res.json()) as ChatJson).segment.id).toBe('new_visitor');
  });
});

describe('SSE over a real socket', () => {
  it('streams meta → tool_call → tool_result → delta… → done, in order, as they happen', async () => {
    const token = await demoToken('marcus@example.com');
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ message: 'where is my order 28473?' }),
    });
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const names: string[] = [];
    let done: ChatJson | null = null;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      buf += value;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
        names.push(event);
        if (event === 'done') done = JSON.parse(/^data: (.+)$/m.exec(block)![1]!) as ChatJson;
      }
    }
    const order = names.filter((n, k) => n !== names[k - 1]); // collapse runs of deltas
    expect(order).toEqual(['meta', 'tool_call', 'tool_result', 'delta', 'done']);
    expect(done?.toolCalls[0]?.name).toBe('lookup_order');
  });
});

describe('ownership and feedback', () => {
  it('a transcript is only for its owner', async () => {
    const marcus = await demoToken('marcus@example.com');
    const sarah = await demoToken('sarah@example.com');
    const url = `${server.url}/api/conversations/${convs.marcus!.conversationId}`;
    const own = await fetch(url, { headers: { Authorization: `Bearer ${marcus}` } });
    expect(own.status).toBe(200);
    const t = (await own.json()) as { messages: Array<{ role: string; content: string; toolCalls?: Array<{ name: string }> }> };
    expect(t.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'where is my order 28473?',
      'I want to return order 28473',
      'yes please',
    ]);
    expect(t.messages[1]?.toolCalls?.[0]?.name).toBe('lookup_order');
    const strangers: Array<Record<string, string>> = [
      { Authorization: `Bearer ${sarah}` },
      {},
      { 'X-Tailor-Session': 's_stranger_session_01' },
    ];
    for (const headers of strangers) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Conversation not found' } });
    }
  });

  it('thumbs up and down are stored for the owner only', async () => {
    const send = async (token: string, c: ChatJson, rating: 'up' | 'down') =>
      fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ conversationId: c.conversationId, messageId: c.messageId, rating }),
      });
    expect((await send(await demoToken('lena@example.com'), convs.lena!, 'up')).status).toBe(200);
    expect((await send(await demoToken('sarah@example.com'), convs.sarah!, 'up')).status).toBe(200);
    expect((await send(await demoToken('marcus@example.com'), convs.marcus!, 'down')).status).toBe(200);
    expect((await send(await demoToken('lena@example.com'), convs.marcus!, 'up')).status).toBe(404);
  });
});

describe('admin', () => {
  it('refuses without the admin token', async () => {
    expect((await fetch(`${server.url}/api/admin/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin/metrics`, { headers: { Authorization: 'Bearer wrong-token-123' } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin/personas/reload`, { method: 'POST' })).status).toBe(401);
  });

  it('metrics count what the conversations did', async () => {
    const res = await fetch(`${server.url}/api/admin/metrics`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    type G = {
      conversations: number;
      addToCartConversion: number | null;
      returnLabels: number;
      escalations: number;
      csat: number | null;
      feedback: { up: number; down: number };
      medianLatencyMs: number | null;
      tokensPerConversation: number | null;
      resolvedWithoutEscalation: number | null;
    };
    const m = (await res.json()) as {
      segments: Array<{ segment: string } & G>;
      personas: Array<{ persona: string; variant: string | null } & G>;
      totals: G;
    };
    const seg = (id: string) => m.segments.find((s) => s.segment === id)!;
    // Lena's conversation + the anonymous visitor's; one of the two added to the cart.
    expect(seg('new_visitor')).toMatchObject({
      conversations: 2,
      addToCartConversion: 0.5,
      escalations: 0,
      csat: 1,
      feedback: { up: 1, down: 0 },
    });
    // Marcus: the return conversation (one label) and the SSE one.
    expect(seg('repeat_buyer')).toMatchObject({ conversations: 2, returnLabels: 1, escalations: 0, csat: 0, feedback: { up: 0, down: 1 } });
    expect(seg('vip')).toMatchObject({ conversations: 1, escalations: 1, resolvedWithoutEscalation: 0, csat: 1 });
    for (const s of m.segments) {
      expect(s.medianLatencyMs).not.toBeNull();
      expect(s.tokensPerConversation).toBeGreaterThan(0);
    }
    expect(m.personas.find((p) => p.persona === 'vip')).toMatchObject({ conversations: 1, escalations: 1 });
    expect(m.totals).toMatchObject({ conversations: 5, returnLabels: 1, escalations: 1, feedback: { up: 2, down: 1 } });
  });

  it('reloads personas on request', async () => {
    const res = await fetch(`${server.url}/api/admin/personas/reload`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(await res.json()).toEqual({ ok: true, errors: [] });
  });
});

describe('hostile input against the real process', () => {
  const raw = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it('each bad request gets its status and code, and the server keeps serving', async () => {
    const table: Array<[string, Promise<Response>, number, string]> = [
      ['malformed JSON', raw('{"message":'), 400, 'bad_request'],
      ['wrong type', raw(JSON.stringify({ message: ['hi'] })), 400, 'bad_request'],
      ['empty message', raw(JSON.stringify({ message: '' })), 400, 'bad_request'],
      ['oversize message', raw(JSON.stringify({ message: 'x'.repeat(4001) })), 400, 'bad_request'],
      ['oversize body', raw(JSON.stringify({ message: 'x'.repeat(40_000) })), 413, 'too_large'],
      [
        'forged token',
        raw(JSON.stringify({ message: 'hi' }), {
          Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjX3NhcmFoIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl',
        }),
        401,
        'unauthorized',
      ],
    ];
    for (const [name, pending, status, code] of table) {
      const res = await pending;
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    expect((await raw(JSON.stringify({ message: 'hi' }))).status).toBe(200);
  });

  it('a chatty session is rate limited with Retry-After; others are not', async () => {
    const session = 's_e2e_chatty_session_1';
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 22; i++) {
      const res = await raw(JSON.stringify({ message: 'hi' }), { 'X-Tailor-Session': session });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('Retry-After');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      } else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await raw(JSON.stringify({ message: 'hi' }), { 'X-Tailor-Session': 's_e2e_other_session_1' })).status).toBe(200);
  });
});

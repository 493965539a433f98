// The review routes through the real app and a real SQLite file: conversations seeded across
// personas, versions, variants and dates (plus real chat turns), read back as an operator would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, events, feedback, tickets } from '../../src/db/index.js';
import { ADMIN, buildApp, post, type Fixture } from '../http/fixture.js';

const DAY = 86_400_000;
const JUNE = Date.UTC(2025, 5, 1); // 2025-06-01T00:00:00Z
const auth = { Authorization: `Bearer ${ADMIN}` };

interface Seed {
  id: string;
  at: number;
  persona?: string;
  version?: string;
  variant?: string | null;
  segment?: string;
  turns?: number;
  events?: string[];
  ratings?: number[];
  ticket?: boolean;
}

async function seed(f: Fixture, rows: Seed[]) {
  const db = f.db.db;
  await db.insert(conversations).values(
    rows.map((r) => ({
      id: r.id,
      sessionId: `s_${r.id}`,
      segmentId: r.segment ?? 'vip',
      ruleId: 'orders-5-plus',
      personaId: r.persona ?? 'vip',
      personaVersion: r.version ?? 'v1',
      variant: r.variant === undefined ? 'control' : r.variant,
      model: 'offline',
      turnCount: r.turns ?? 1,
      createdAt: r.at,
      updatedAt: r.at + 60_000,
    })),
  );
  const ev = rows.flatMap((r) =>
    (r.events ?? []).map((type, i) => ({ id: `e_${r.id}_${i}`, conversationId: r.id, type, data: {}, createdAt: r.at })),
  );
  const fb = rows.flatMap((r) =>
    (r.ratings ?? []).map((rating, i) => ({
      id: `f_${r.id}_${i}`,
      conversationId: r.id,
      messageId: `m_${r.id}_${i}`,
      rating,
      createdAt: r.at,
    })),
  );
  const tk = rows
    .filter((r) => r.ticket)
    .map((r) => ({
      id: `t_${r.id}`,
      conversationId: r.id,
      sessionId: `s_${r.id}`,
      segment: 'vip',
      priority: 'high',
      summary: 'wants a person',
      createdAt: r.at,
    }));
  if (ev.length) await db.insert(events).values(ev);
  if (fb.length) await db.insert(feedback).values(fb);
  if (tk.length) await db.insert(tickets).values(tk);
}

const get = async (f: Fixture, path: string, headers: Record<string, string> = auth) => {
  const res = await f.app.request(path, { headers });
  return { status: res.status, body: (await res.json()) as any };
};
const ids = (body: any) => (body.conversations as Array<{ id: string }>).map((c) => c.id);

describe('GET /api/admin/conversations', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildApp();
    await seed(f, [
      { id: 'c01', at: JUNE + 1 * DAY, ratings: [1, -1] },
      { id: 'c02', at: JUNE + 2 * DAY, events: ['escalated'], variant: 'stylist-first' },
      { id: 'c03', at: JUNE + 3 * DAY, ticket: true, persona: 'repeat-buyer', segment: 'repeat_buyer', variant: null },
      { id: 'c04', at: JUNE + 4 * DAY, events: ['add_to_cart', 'add_to_cart'], ratings: [1], variant: 'stylist-first', version: 'v2' },
      { id: 'c05', at: JUNE + 5 * DAY, ratings: [-1], persona: 'new-visitor', segment: 'new_visitor', variant: null },
      { id: 'c06', at: JUNE + 5 * DAY, variant: 'stylist-first' }, // same start as c05: the id breaks the tie
      { id: 'c07', at: JUNE - 10 * DAY, ratings: [-1] },
      { id: 'c08', at: JUNE + 6 * DAY, turns: 0 }, // its first turn never committed: nothing to review
    ]);
    // An event with no conversation must not make `escalated=false` (NOT IN) match nothing.
    await f.db.db.insert(events).values({ id: 'e_orphan', conversationId: null, type: 'escalated', data: {}, createdAt: JUNE });
  });
  afterAll(() => f.dispose());

  it('lists newest first with what an operator scans for', async () => {
    const { status, body } = await get(f, '/api/admin/conversations?from=2025-05-01&to=2025-06-30');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['c06', 'c05', 'c04', 'c03', 'c02', 'c01', 'c07']);
    expect(body.nextCursor).toBeNull();
    expect(body.conversations.find((c: any) => c.id === 'c04')).toEqual({
      id: 'c04',
      startedAt: '2025-06-05T00:00:00.000Z',
      lastActivityAt: '2025-06-05T00:01:00.000Z',
      segment: 'vip',
      persona: { id: 'vip', version: 'v2', variant: 'stylist-first' },
      customerId: null,
      model: 'offline',
      turns: 1,
      feedback: { up: 1, down: 0 },
      escalated: false,
      converted: true,
    });
    expect(body.conversations.find((c: any) => c.id === 'c01')).toMatchObject({
      feedback: { up: 1, down: 1 },
      escalated: false,
      converted: false,
    });
    expect(body.conversations.find((c: any) => c.id === 'c03')).toMatchObject({ escalated: true, persona: { variant: null } });
  });

  it('filters by feedback, escalation, persona, version, variant, segment and dates', async () => {
    const q = async (query: string) => ids((await get(f, `/api/admin/conversations?from=2025-05-01&${query}`)).body);
    expect(await q('downvoted=true')).toEqual(['c05', 'c01', 'c07']);
    expect(await q('downvoted=false')).toEqual(['c06', 'c04', 'c03', 'c02']);
    // An `escalated` event or a ticket, either one.
    expect(await q('escalated=true')).toEqual(['c03', 'c02']);
    expect(await q('escalated=false')).toEqual(['c06', 'c05', 'c04', 'c01', 'c07']);
    expect(await q('persona=vip&variant=stylist-first')).toEqual(['c06', 'c04', 'c02']);
    expect(await q('persona=vip&version=v2')).toEqual(['c04']);
    expect(await q('segment=new_visitor')).toEqual(['c05']);
    expect(await q('persona=vip&downvoted=true')).toEqual(['c01', 'c07']);
    // `to` as a date covers that whole day.
    const between = async (range: string) => ids((await get(f, `/api/admin/conversations?${range}`)).body);
    expect(await between('from=2025-06-02&to=2025-06-03')).toEqual(['c02', 'c01']);
    expect(await between('from=2025-06-02T00:00:00Z&to=2025-06-03T00:00:00Z')).toEqual(['c01']);
    expect(await between('from=2025-06-02T02:00:00%2B02:00&to=2025-06-02T01:00:00Z')).toEqual(['c01']);
    expect(ids((await get(f, '/api/admin/conversations?from=2025-06-01')).body)).not.toContain('c07');
  });

  it('pages with a cursor, each row exactly once, ties on the start time included', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: { status: number; body: any } = await get(
        f,
        `/api/admin/conversations?from=2025-05-01&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      expect(body.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...ids(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(['c06', 'c05', 'c04', 'c03', 'c02', 'c01', 'c07']);
  });

  it.each([
    ['from=yesterday', 'from: must be an ISO date'],
    ['to=2025-02-30', 'to: must be an ISO date'],
    ['from=2025-06-05&to=2025-06-01', 'from: from must be before to'],
    ['downvoted=yes', 'downvoted: must be true or false'],
    ['limit=0', 'limit:'],
    ['limit=500', 'limit:'],
    ['limit=ten', 'limit: must be a number'],
    ['cursor=not-a-cursor', 'cursor: is not a cursor this API returned'],
    ['persona_id=vip', 'Unrecognized key: "persona_id"'],
    ['persona=vip&persona=new-visitor', 'persona: given more than once'],
  ])('?%s is a 400 naming the parameter', async (query, message) => {
    const { status, body } = await get(f, `/api/admin/conversations?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(message);
  });

  it('is behind the admin token', async () => {
    expect((await get(f, '/api/admin/conversations', {})).status).toBe(401);
    expect((await get(f, '/api/admin/conversations', { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await get(f, '/api/admin/conversations/c01', { Authorization: 'Basic abc' })).status).toBe(401);
    expect((await get(f, '/api/admin/experiments', {})).status).toBe(401);
  });
});

describe('GET /api/admin/conversations/:id', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildApp();
  });
  afterAll(() => f.dispose());

  it('reads a real conversation whole: messages with tool calls and results, turn metadata, feedback, events, proposals', async () => {
    const shopper = { Authorization: `Bearer ${await f.token('c_marcus')}` };
    const first = (await (await f.app.request(...post('/api/chat', { message: 'I want to return order 28473' }, shopper))).json()) as any;
    // Proposed, not yet answered: the operator sees what awaits the shopper's yes.
    const proposed = (await get(f, `/api/admin/conversations/${first.conversationId}`)).body;
    expect(proposed.pendingProposal).toMatchObject({ action: expect.any(String), customerId: 'c_marcus', turn: 1 });

    const second = (await (
      await f.app.request(...post('/api/chat', { message: 'yes', conversationId: first.conversationId }, shopper))
    ).json()) as any;
    await f.app.request(
      ...post(
        '/api/feedback',
        { conversationId: first.conversationId, messageId: second.messageId, rating: 'down', comment: 'too slow' },
        shopper,
      ),
    );

    const { status, body } = await get(f, `/api/admin/conversations/${first.conversationId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: first.conversationId,
      customerId: 'c_marcus',
      segment: { id: 'repeat_buyer' },
      persona: { id: 'repeat-buyer' },
      model: 'offline',
    });

    // Messages in order, the shopper's own words first, every tool call paired with its result.
    const seqs = body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    expect(body.messages[0]).toMatchObject({ role: 'user', turn: 1, content: 'I want to return order 28473' });
    const callsOf = (turn: number) => body.messages.filter((m: any) => m.turn === turn).flatMap((m: any) => m.toolCalls ?? []);
    expect(callsOf(1).map((c: any) => c.name)).toEqual(first.toolCalls.map((t: any) => t.name));
    expect(callsOf(2).map((c: any) => c.name)).toEqual(second.toolCalls.map((t: any) => t.name));
    expect(callsOf(1).length + callsOf(2).length).toBeGreaterThan(0);
    for (const call of [...callsOf(1), ...callsOf(2)]) {
      const result = body.messages.find((m: any) => m.role === 'tool' && m.toolCallId === call.id);
      expect(result, `result of ${call.name}`).toMatchObject({ toolName: call.name });
      expect(result.result).toHaveProperty('ok');
    }

    // One entry per committed turn, with what it cost.
    expect(body.turns.map((t: any) => t.turn)).toEqual([1, 2]);
    expect(body.turns[0]).toMatchObject({
      model: 'offline',
      persona: 'repeat-buyer',
      outcome: 'reply',
      modelCalls: first.usage.modelCalls,
    });
    expect(body.turns[1].tokens).toEqual({ input: second.usage.inputTokens, output: second.usage.outputTokens });
    expect(typeof body.turns[0].latencyMs).toBe('number');

    expect(body.feedback).toEqual([{ messageId: second.messageId, rating: 'down', comment: 'too slow', at: expect.any(String) }]);
    expect(body.events.map((e: any) => e.type)).toContain('return_label_created');
    expect(body.pendingProposal).toBeNull();
    expect(body.escalated).toBe(false);

    // The same conversation in the list, downvoted.
    const list = await get(f, '/api/admin/conversations?downvoted=true');
    expect(ids(list.body)).toEqual([first.conversationId]);
  });

  it('404 for an unknown id, an over-long one, and without the token no hint that it exists', async () => {
    expect(await get(f, '/api/admin/conversations/conv_nope')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Conversation not found' } },
    });
    expect((await get(f, `/api/admin/conversations/${'x'.repeat(300)}`)).status).toBe(404);
    expect((await get(f, '/api/admin/conversations/conv_nope', {})).status).toBe(401);
  });
});

describe('GET /api/admin/experiments', () => {
  let f: Fixture;
  // Newcombe (1998b) example (a) as conversion, (b) as CSAT: published intervals to check against.
  const arm = (prefix: string, n: number, converted: number, ratings: number[], extra: Partial<Seed> = {}): Seed[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}${String(i).padStart(3, '0')}`,
      at: JUNE + (i % 6) * DAY + i * 1000,
      events: i < converted ? ['add_to_cart'] : i === n - 1 ? ['return_label_created'] : [],
      ratings: i < ratings.length ? [ratings[i]!] : [],
      ...extra,
    }));
  beforeAll(async () => {
    f = await buildApp();
    await seed(f, [
      ...arm('sf', 70, 56, [1, 1, 1, 1, 1, 1, 1, 1, 1, -1], { variant: 'stylist-first' }),
      ...arm('ct', 80, 48, [1, 1, 1, -1, -1, -1, -1, -1, -1, -1], { variant: 'control' }),
      // Before the window: would drag stylist-first's conversion down if counted.
      ...arm('old', 10, 0, [-1, -1], { variant: 'stylist-first', at: JUNE - 20 * DAY }),
      ...arm('v2', 5, 1, [], { version: 'v2' }),
      ...arm('nv', 4, 1, [1], { persona: 'new-visitor', segment: 'new_visitor', variant: null }),
      { id: 'dead', at: JUNE + DAY, turns: 0, events: ['add_to_cart'], variant: 'stylist-first' },
    ]);
  });
  afterAll(() => f.dispose());

  it('per persona, version and variant: rates with Wilson intervals, differences from the control with Newcombe intervals', async () => {
    const { status, body } = await get(f, '/api/admin/experiments?from=2025-06-01&to=2025-06-07');
    expect(status).toBe(200);
    expect(body.window).toEqual({ from: '2025-06-01T00:00:00.000Z', to: '2025-06-08T00:00:00.000Z' });
    expect(body.confidenceLevel).toBe(0.95);
    expect(body.methods.difference).toMatch(/Newcombe/);
    expect(body.groups.map((g: any) => [g.persona, g.version, g.control])).toEqual([
      ['new-visitor', 'v1', null],
      ['vip', 'v1', 'control'],
      ['vip', 'v2', 'control'],
    ]);
    const [control, stylist] = body.groups[1].arms;
    expect(control).toMatchObject({
      variant: 'control',
      conversations: 80,
      conversion: { k: 48, n: 80, rate: 0.6, ci: { lower: 0.4905, upper: 0.7004 } },
      csat: { k: 3, n: 10, rate: 0.3, ci: { lower: 0.1078, upper: 0.6032 } },
      vsControl: null,
    });
    expect(stylist).toMatchObject({
      variant: 'stylist-first',
      conversations: 70,
      conversion: { k: 56, n: 70, rate: 0.8, ci: { lower: 0.6918, upper: 0.877 } },
      csat: { k: 9, n: 10, rate: 0.9, ci: { lower: 0.5958, upper: 0.9821 } },
      vsControl: {
        conversion: { difference: 0.2, ci: { lower: 0.0524, upper: 0.3339 }, significant: true },
        csat: { difference: 0.6, ci: { lower: 0.1705, upper: 0.809 }, significant: true },
      },
    });
    expect(body.groups[2].arms).toEqual([
      expect.objectContaining({
        variant: 'control',
        conversations: 5,
        conversion: { k: 1, n: 5, rate: 0.2, ci: { lower: 0.0362, upper: 0.6245 } },
        vsControl: null,
      }),
    ]);
    expect(body.groups[0].arms[0]).toMatchObject({ variant: null, conversations: 4, csat: { k: 1, n: 1 }, vsControl: null });
  });

  it('another control flips the comparison; a persona filter narrows it; an earlier window sees the earlier arm', async () => {
    const flipped = (await get(f, '/api/admin/experiments?from=2025-06-01&to=2025-06-07&persona=vip&control=stylist-first')).body;
    expect(flipped.groups.map((g: any) => g.persona)).toEqual(['vip', 'vip']);
    expect(flipped.groups[0].arms[1].vsControl.conversion).toEqual({
      difference: -0.2,
      ci: { lower: -0.3339, upper: -0.0524 },
      significant: true,
    });
    expect(flipped.groups[1].control).toBeNull(); // v2 has no stylist-first arm

    const may = (await get(f, '/api/admin/experiments?from=2025-05-01&to=2025-05-31')).body;
    expect(may.groups).toEqual([
      expect.objectContaining({
        persona: 'vip',
        version: 'v1',
        control: null,
        arms: [
          expect.objectContaining({ variant: 'stylist-first', conversations: 10, conversion: expect.objectContaining({ k: 0, n: 10 }) }),
        ],
      }),
    ]);
  });

  it('window=7d ends now: it sees a conversation just held, not last year’s', async () => {
    const shopper = { Authorization: `Bearer ${await f.token('c_sarah')}` };
    const chat = (await (await f.app.request(...post('/api/chat', { message: 'hi' }, shopper))).json()) as any;
    const { body } = await get(f, '/api/admin/experiments?window=7d');
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ persona: chat.persona.id, version: chat.persona.version });
    expect(body.groups[0].arms).toEqual([expect.objectContaining({ variant: chat.persona.variant, conversations: 1 })]);
    expect(Date.parse(body.window.to) - Date.parse(body.window.from)).toBe(7 * DAY);
    // All time: everything with a committed turn.
    const all = (await get(f, '/api/admin/experiments')).body;
    expect(all.window).toEqual({ from: null, to: null });
    const total = all.groups.flatMap((g: any) => g.arms).reduce((s: number, a: any) => s + a.conversations, 0);
    expect(total).toBe(70 + 80 + 10 + 5 + 4 + 1);
  });

  it.each([
    ['window=7x', 'window: must be a number of days or hours'],
    ['window=0d', 'window: must be between 1h and 731d'],
    ['window=7d&from=2025-06-01', 'window: give either window or from/to, not both'],
    ['from=2025-06-07&to=2025-06-01', 'from: from must be before to'],
    ['segment=vip', 'Unrecognized key: "segment"'],
  ])('?%s is a 400', async (query, message) => {
    const { status, body } = await get(f, `/api/admin/experiments?${query}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'bad_request', message: expect.stringContaining(message) });
  });
});

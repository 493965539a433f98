// A shopper who verifies in chat is served, for the rest of that same turn, as the persona their
// next turn would get (src/chat/run.ts reselect, src/agent/loop.ts respec): "where is my order?"
// … "it's marcus@…, 28502" answers with the order in that reply. Over the real chat service, a
// migrated and seeded SQLite file, the shipped personas and rules; the offline model, and the
// OpenAI-compatible provider against the local Chat Completions fake. What a verification unlocks
// is still decided by the tools against the verified shopper, never by the model or the persona.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversations, orderItems, orders, returnLabels, tickets, turns, type Db } from '../../src/db/index.js';
import { seedDemoStore, DEMO_SHOPPERS, MARCUS_SHIPPED_ORDER, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import { createOpenAIProvider, type ModelProvider } from '../../src/agent/index.js';
import { createTailor } from '../../src/http/compose.js';
import type { ChatEvent, ChatResponse } from '../../src/chat/index.js';
import { createLogger, type Shopper } from '../../src/core/index.js';
import { tempDb } from '../support/db.js';
import { chatThatCannotResegment } from '../support/tailor.js';
import { repoRoot } from '../support/server.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI, type FakeReply } from '../support/fake-openai.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const RETURNABLE = MARCUS.returnableOrder; // delivered, Marcus's
const SARAHS = PROCESSING_ORDERS.sarah; // Sarah's, never Marcus's

interface Rig {
  db: Db;
  logs: string[];
  /** The events of the last turn, in order. */
  events: ChatEvent[];
  say(shopper: Shopper, message: string, conversationId?: string): Promise<ChatResponse>;
  dispose(): Promise<void>;
}

async function rig(provider: ModelProvider = createOfflineProvider(), cached = false): Promise<Rig> {
  const h = tempDb();
  await seedDemoStore(h.db, { now: Date.now() });
  const logs: string[] = [];
  const tailor = await createTailor({
    db: h.db,
    atomic: h.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider,
    logger: createLogger('info', (l) => logs.push(l)),
    watchPersonas: false,
    dataVersion: cached ? h.dataVersion : undefined,
  });
  const events: ChatEvent[] = [];
  return {
    db: h.db,
    logs,
    events,
    async say(shopper, message, conversationId) {
      events.length = 0;
      for await (const ev of tailor.chat.turn({ shopper, message, conversationId })) {
        events.push(ev);
        if (ev.type === 'done') return ev.response;
      }
      throw new Error('no done event');
    },
    async dispose() {
      tailor.close();
      await h.dispose();
    },
  };
}

let sessions = 0;
const anon = (): Shopper => ({ sessionId: `s-verify-continue-${++sessions}`, customerId: null, verified: false, via: 'anonymous' });
const signedIn = (customerId: string): Shopper => ({
  sessionId: `s-${customerId}-${++sessions}`,
  customerId,
  verified: true,
  via: 'token',
});

const names = (r: ChatResponse) => r.toolCalls.map((t) => t.name);

async function orderRow(db: Db, number: string) {
  const [o] = await db.select().from(orders).where(eq(orders.number, number));
  if (!o) throw new Error(`no order ${number}`);
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, o.id));
  return { ...o, items };
}

async function conversationRow(db: Db, id: string) {
  const [c] = await db.select().from(conversations).where(eq(conversations.id, id));
  return c!;
}

const turnLogs = (logs: string[]) => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'turn');

describe.each([
  ['reading every turn from the database', false],
  ['with the conversation cache', true],
] as const)('offline model, an anonymous shopper verifying mid-turn (%s)', (_label, cached) => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig(createOfflineProvider(), cached);
  });
  afterAll(() => r.dispose());

  it('answers "where is my order?" in the same reply that verifies them, as the persona of their next turn', async () => {
    const shopper = anon();
    const order = await orderRow(r.db, MARCUS_SHIPPED_ORDER);
    const first = await r.say(shopper, `where is my order ${MARCUS_SHIPPED_ORDER}?`);
    expect(first.persona.id).toBe('new-visitor');
    expect(first.toolCalls).toEqual([]);
    expect(first.reply).not.toContain(order.trackingCode!);

    const second = await r.say(shopper, `it's ${MARCUS.email}, order ${MARCUS_SHIPPED_ORDER}`, first.conversationId);
    expect(second.toolCalls).toEqual([
      expect.objectContaining({ name: 'verify_customer', ok: true }),
      expect.objectContaining({ name: 'lookup_order', args: { orderNumber: MARCUS_SHIPPED_ORDER }, ok: true }),
    ]);
    // The order's own facts, from the store, in this reply: nothing left to ask again.
    expect(second.reply).toContain(order.trackingCode!);
    expect(second.reply).toContain(order.items[0]!.name);
    expect(second.reply).not.toMatch(/shall I look up/i);
    // The stream says who serves the rest of the turn: a second `meta`, right after the verification's result.
    const kinds = r.events.map((e) => (e.type === 'tool_call' || e.type === 'tool_result' ? `${e.type}:${e.name}` : e.type));
    const metas = r.events.filter((e) => e.type === 'meta');
    expect(metas.map((m) => m.persona.id)).toEqual(['new-visitor', second.persona.id]);
    expect(kinds.indexOf('meta', 1)).toBe(kinds.indexOf('tool_result:verify_customer') + 1);

    // Served as a verified Marcus from the verification on: the same segment and persona his next turn gets.
    expect(second.segment.id).not.toBe('new_visitor');
    expect(second.persona.id).not.toBe('new-visitor');
    const third = await r.say(shopper, 'thanks!', first.conversationId);
    expect(third.persona).toEqual(second.persona);
    expect(third.segment).toEqual(second.segment);

    // The rows and the log line name who finished the turn; the log line also who it started as.
    const conv = await conversationRow(r.db, first.conversationId);
    expect(conv).toMatchObject({ customerId: MARCUS.id, verifiedBy: 'verify_customer' });
    const rows = await r.db.select().from(turns).where(eq(turns.conversationId, first.conversationId));
    const byTurn = new Map(rows.map((t) => [t.turn, t]));
    expect(byTurn.get(1)).toMatchObject({ personaId: 'new-visitor', segmentId: 'new_visitor' });
    expect(byTurn.get(2)).toMatchObject({ personaId: second.persona.id, segmentId: second.segment.id });
    const line = turnLogs(r.logs).find((l) => l.conversationId === first.conversationId && l.turn === 2);
    expect(line).toMatchObject({
      persona: second.persona.id,
      segment: second.segment.id,
      startedAs: { persona: 'new-visitor', segment: 'new_visitor' },
    });
    expect(turnLogs(r.logs).find((l) => l.conversationId === first.conversationId && l.turn === 3)).not.toHaveProperty('startedAs');
  });

  it('proposes a return asked for with the verification, and makes it only after a yes on the next turn', async () => {
    const shopper = anon();
    const order = await orderRow(r.db, RETURNABLE);
    const labels = () => r.db.select().from(returnLabels).where(eq(returnLabels.orderId, order.id));
    const before = (await labels()).length;

    const asked = await r.say(shopper, `return ${RETURNABLE} please. ${MARCUS.email}`);
    expect(names(asked)).toEqual(['verify_customer', 'create_return_label']);
    expect(asked.toolCalls[1]).toMatchObject({ args: { orderNumber: RETURNABLE, confirm: false }, ok: true });
    expect(asked.reply).toMatch(/shall I go ahead\?/i);
    expect(await labels()).toHaveLength(before); // proposed, not made
    expect((await conversationRow(r.db, asked.conversationId)).pending).toMatchObject({ action: 'return_label' });

    const yes = await r.say(shopper, 'yes please', asked.conversationId);
    expect(yes.toolCalls).toEqual([expect.objectContaining({ name: 'create_return_label', ok: true })]);
    expect(await labels()).toHaveLength(before + 1);
  });

  it('gives no order facts and changes nothing when the verification fails', async () => {
    const shopper = anon();
    const order = await orderRow(r.db, MARCUS_SHIPPED_ORDER);
    const first = await r.say(shopper, `where is my order ${MARCUS_SHIPPED_ORDER}?`);
    const wrong = await r.say(shopper, `${MARCUS.email}, order 28599`, first.conversationId);
    expect(wrong.toolCalls).toEqual([expect.objectContaining({ name: 'verify_customer', ok: false })]);
    expect(wrong.reply).not.toContain(order.trackingCode!);
    expect(wrong.reply).not.toContain(order.items[0]!.name);
    expect(wrong.persona.id).toBe('new-visitor');
    expect(wrong.segment.id).toBe('new_visitor');
    expect(await conversationRow(r.db, first.conversationId)).toMatchObject({ customerId: null, personaId: 'new-visitor' });
  });

  it("never shows another customer's order to a shopper verified as Marcus in the same message", async () => {
    const sarahs = await orderRow(r.db, SARAHS);
    const res = await r.say(anon(), `I am ${MARCUS.email}, order ${RETURNABLE}. And where is order ${SARAHS}?`);
    expect(res.toolCalls[0]).toMatchObject({ name: 'verify_customer', ok: true });
    for (const t of res.toolCalls) if (JSON.stringify(t.args).includes(SARAHS)) expect(t.ok).toBe(false);
    for (const item of sarahs.items) expect(res.reply).not.toContain(item.name);
    expect(res.reply).not.toContain('Lake Shore');
  });

  it('keeps an opted-out shopper on the neutral persona after they verify', async () => {
    const shopper = anon();
    const order = await orderRow(r.db, MARCUS_SHIPPED_ORDER);
    const first = await r.say(shopper, `no personalization please. where is my order ${MARCUS_SHIPPED_ORDER}?`);
    expect(first.persona.id).toBe('neutral');
    const second = await r.say(shopper, `${MARCUS.email}, order ${MARCUS_SHIPPED_ORDER}`, first.conversationId);
    expect(names(second)).toEqual(['verify_customer', 'lookup_order']);
    expect(second.reply).toContain(order.trackingCode!);
    expect(second.persona.id).toBe('neutral');
    expect(second.segment.id).not.toBe('new_visitor');
    expect((await conversationRow(r.db, first.conversationId)).optOut).toBe(true);
  });
});

describe('when the verified shopper cannot be segmented mid-turn', () => {
  it('finishes the turn as it started: verified, told so, nothing more unlocked, and the failure logged', async () => {
    const logs: string[] = [];
    const logger = createLogger('info', (l) => logs.push(l));
    const { db: h, tailor, chat } = await chatThatCannotResegment(createOfflineProvider(), { logger });
    try {
      let res: ChatResponse | undefined;
      for await (const ev of chat.turn({ shopper: anon(), message: `where is ${MARCUS_SHIPPED_ORDER}? ${MARCUS.email}` }))
        if (ev.type === 'done') res = ev.response;
      expect(res!.toolCalls).toEqual([expect.objectContaining({ name: 'verify_customer', ok: true })]);
      expect(res!.reply).toMatch(/you're verified/);
      expect(res!.persona.id).toBe('new-visitor');
      expect(logs.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg === 'respec_failed')).toHaveLength(1);
    } finally {
      tailor.close();
      await h.dispose();
    }
  });
});

// ---- the OpenAI-compatible path, on the wire ----

const system = (body: ChatBody) => String(body.messages[0]?.content ?? '');
const offered = (body: ChatBody) => (body.tools ?? []).map((t) => t.function.name);
const lastTool = (body: ChatBody) => {
  const m = body.messages.at(-1);
  return m?.role === 'tool' ? (JSON.parse(String(m.content)) as { ok: boolean; error?: { code: string } }) : null;
};

/** Plays `calls` one model step each (each a list of tool calls), then answers in words. */
function plays(...calls: Array<Array<{ name: string; arguments: Record<string, unknown> }>>): (body: ChatBody, i: number) => FakeReply {
  return (_body, i) => (i < calls.length ? { toolCalls: calls[i]! } : { content: 'Done.' });
}

const verifyAs = (email: string, orderNumber: string) => ({ name: 'verify_customer', arguments: { email, orderNumber } });
const lookUp = (orderNumber: string) => ({ name: 'lookup_order', arguments: { orderNumber } });

describe('a hosted model (Chat Completions fake), an anonymous shopper verifying mid-turn', () => {
  let fake: FakeOpenAI;
  let r: Rig;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    r = await rig(createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 }));
  });
  afterAll(async () => {
    await r.dispose();
    await fake.close();
  });
  afterEach(() => fake.reset());

  it("sends the next request, after the verify result, with the verified shopper's persona prompt and tools", async () => {
    const shopper = anon();
    fake.handle(plays([verifyAs(MARCUS.email, MARCUS_SHIPPED_ORDER)], [lookUp(MARCUS_SHIPPED_ORDER)]));
    const res = await r.say(shopper, `where is my order ${MARCUS_SHIPPED_ORDER}? I'm ${MARCUS.email}`);
    expect(res.toolCalls).toEqual([
      expect.objectContaining({ name: 'verify_customer', ok: true }),
      expect.objectContaining({ name: 'lookup_order', ok: true }),
    ]);
    const [before, after, last] = fake.requests.map((q) => q.body);
    expect(offered(before!)).toContain('verify_customer');
    expect(offered(before!)).not.toContain('lookup_order');

    expect(lastTool(after!)).toMatchObject({ ok: true });
    expect(system(after!)).not.toBe(system(before!));
    // His persona's prompt shows his orders; the anonymous one showed none.
    expect(system(before!)).not.toContain(`#${RETURNABLE}`);
    // Verified in chat: his persona, but none of his account's orders in its prompt (that order only, SECURITY.md).
    expect(system(after!)).not.toContain(`#${RETURNABLE}`);
    expect(offered(after!)).toEqual(expect.arrayContaining(['lookup_order', 'create_return_label', 'cancel_order']));
    // Still offered: another order is proven by its number with the same email.
    expect(offered(after!)).toContain('verify_customer');
    // Later steps of the turn stay on it.
    expect(system(last!)).toBe(system(after!));
    expect(offered(last!)).toEqual(offered(after!));
    // Exactly the prompt his next turn is served with.
    fake.reset();
    fake.handle(() => ({ content: 'You are welcome.' }));
    const next = await r.say(shopper, 'thanks', res.conversationId);
    expect(next.persona).toEqual(res.persona);
    expect(system(fake.requests[0]!.body)).toBe(system(after!));
  });

  it('still refuses what the verified shopper may not do: another customer, a write without a yes, verifying again', async () => {
    const returnLabel = (confirm: boolean) => ({ name: 'create_return_label', arguments: { orderNumber: RETURNABLE, confirm } });
    fake.handle(
      plays(
        [verifyAs(MARCUS.email, RETURNABLE)],
        [lookUp(SARAHS), returnLabel(false)],
        [returnLabel(true), verifyAs('sarah@example.com', SARAHS)],
      ),
    );
    const order = await orderRow(r.db, RETURNABLE);
    const shopper = anon();
    const res = await r.say(shopper, `I'm ${MARCUS.email}, order ${RETURNABLE}. Return it, and where is ${SARAHS}?`);
    expect(res.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['verify_customer', true],
      ['lookup_order', false], // Sarah's order: "not among the verified orders", exactly as for one that does not exist
      ['create_return_label', true], // a proposal, waiting for the shopper
      ['create_return_label', false], // confirm:true in the same turn: nobody said yes to it
      ['verify_customer', false], // another email's order never joins this chat's proof
    ]);
    const codes = (body: ChatBody, n: number) =>
      body.messages
        .filter((m) => m.role === 'tool')
        .slice(-n)
        .map((m) => (JSON.parse(String(m.content)) as { error?: { code: string } }).error?.code ?? 'ok');
    expect(codes(fake.requests[2]!.body, 2)).toEqual(['must_verify', 'ok']);
    expect(codes(fake.requests[3]!.body, 2)).toEqual(['refused', expect.stringMatching(/^(refused|not_allowed|forbidden|not_found)$/)]);
    expect(JSON.stringify(fake.requests.map((q) => q.body.messages))).not.toContain('Lake Shore');
    expect(await r.db.select().from(returnLabels).where(eq(returnLabels.orderId, order.id))).toHaveLength(0);
    expect(await conversationRow(r.db, res.conversationId)).toMatchObject({ customerId: MARCUS.id });

    // The shopper's own yes on the next turn makes it, as for any proposal.
    fake.reset();
    fake.handle((body) => (body.messages.at(-1)?.role === 'tool' ? { content: 'Done.' } : { toolCalls: [returnLabel(true)] }));
    const yes = await r.say(shopper, 'yes', res.conversationId);
    expect(yes.toolCalls).toEqual([expect.objectContaining({ name: 'create_return_label', ok: true })]);
    expect(await r.db.select().from(returnLabels).where(eq(returnLabels.orderId, order.id))).toHaveLength(1);
  });

  it("keeps an opted-out shopper's prompt neutral after they verify: no profile, but their own orders' tools", async () => {
    fake.handle(plays([verifyAs(MARCUS.email, MARCUS_SHIPPED_ORDER)], [lookUp(MARCUS_SHIPPED_ORDER)]));
    const res = await r.say(anon(), `don't personalize anything please. Where is ${MARCUS_SHIPPED_ORDER}? I'm ${MARCUS.email}`);
    expect(res.persona.id).toBe('neutral');
    expect(res.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['verify_customer', true],
      ['lookup_order', true],
    ]);
    const after = fake.requests[1]!.body;
    expect(system(after)).not.toContain(`#${RETURNABLE}`);
    expect(offered(after)).toContain('lookup_order');
    expect(offered(after)).toContain('verify_customer');
  });

  it("files a hand-over asked for after verifying under the shopper's own segment (the tools' segment follows)", async () => {
    fake.handle(plays([verifyAs(MARCUS.email, RETURNABLE)], [{ name: 'escalate_to_human', arguments: { reason: 'wants a person' } }]));
    const res = await r.say(anon(), `I'm ${MARCUS.email}, order ${RETURNABLE}, can I talk to a person?`);
    expect(names(res)).toEqual(['verify_customer', 'escalate_to_human']);
    const [ticket] = await r.db.select().from(tickets).where(eq(tickets.conversationId, res.conversationId));
    expect(ticket).toMatchObject({ customerId: MARCUS.id, segment: res.segment.id });
    expect(ticket!.segment).not.toBe('new_visitor');
  });

  it('changes nothing after a failed verification: same prompt, same tools, no order', async () => {
    fake.handle(plays([verifyAs(MARCUS.email, '28599')], [lookUp(MARCUS_SHIPPED_ORDER)]));
    const res = await r.say(anon(), `where is ${MARCUS_SHIPPED_ORDER}? I'm ${MARCUS.email}`);
    expect(res.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['verify_customer', false],
      ['lookup_order', false],
    ]);
    const [before, after] = fake.requests.map((q) => q.body);
    expect(system(after!)).toBe(system(before!));
    expect(offered(after!)).toEqual(offered(before!));
    expect(res.persona.id).toBe('new-visitor');
  });

  it('gives a shopper already signed in nothing new: verify_customer is not theirs to call', async () => {
    fake.handle(plays([verifyAs('sarah@example.com', SARAHS)], [lookUp(SARAHS)]));
    const res = await r.say(signedIn(MARCUS.id), `where is order ${SARAHS}?`);
    expect(res.toolCalls.map((t) => [t.name, t.ok])).toEqual([
      ['verify_customer', false],
      ['lookup_order', false],
    ]);
    const [before, after] = fake.requests.map((q) => q.body);
    expect(offered(before!)).not.toContain('verify_customer');
    expect(system(after!)).toBe(system(before!));
    const [conv] = await r.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, res.conversationId), eq(conversations.customerId, MARCUS.id)));
    expect(conv).toBeDefined();
  });
});

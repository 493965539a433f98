// The chat service over the real modules: a migrated SQLite demo store, the shipped personas and
// rules, the offline model. Faults are injected only through the Atomic seam.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { conversations, messages, orders, turns, type Atomic } from '../../src/db/index.js';
import { seedDemoStore, DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import { createTailor } from '../../src/http/compose.js';
import type { ChatEvent, ChatResponse } from '../../src/chat/index.js';
import { optOutChange } from '../../src/core/index.js';
import { createConversationCache, type TurnConversation } from '../../src/chat/cache.js';
import type { Shopper } from '../../src/core/index.js';
import type { ModelProvider } from '../../src/agent/types.js';
import { tempDb } from '../support/db.js';

const root = join(import.meta.dirname, '../..');
const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

async function setup(atomicOverride?: (real: Atomic) => Atomic, provider: ModelProvider = createOfflineProvider(), cached = false) {
  const h = tempDb();
  await seedDemoStore(h.db, { now: Date.now() });
  const tailor = await createTailor({
    db: h.db,
    atomic: atomicOverride ? atomicOverride(h.atomic) : h.atomic,
    rules: loadSegmentRulesFile(join(root, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(root, 'prompts')),
    provider,
    watchPersonas: false,
    dataVersion: cached ? h.dataVersion : undefined,
  });
  open.push(() => {
    tailor.personas.close();
    void h.dispose();
  });
  return { ...h, chat: tailor.chat };
}

const anon = (sessionId: string): Shopper => ({ sessionId, customerId: null, verified: false, via: 'anonymous' });
const customer = (customerId: string, sessionId = `s-${customerId}`): Shopper => ({ sessionId, customerId, verified: true, via: 'token' });

async function say(
  chat: Awaited<ReturnType<typeof setup>>['chat'],
  shopper: Shopper,
  message: string,
  conversationId?: string,
): Promise<ChatResponse> {
  for await (const ev of chat.turn({ shopper, message, conversationId })) if (ev.type === 'done') return ev.response;
  throw new Error('no done event');
}

// Every behaviour holds with and without the Node server's in-memory conversation cache.
describe.each([
  ['reading every turn from the database', false],
  ['with the conversation cache', true],
] as const)('chat service, %s', (_label, cached) => {
  const setupAs = (atomicOverride?: (real: Atomic) => Atomic, provider?: ModelProvider) => setup(atomicOverride, provider, cached);

  it('recognises opt-out and opt-in in the shopper’s own words', () => {
    for (const m of [
      "don't use my data anymore",
      'please stop personalizing my chat',
      'I want to opt out of personalisation',
      'turn off personalization',
      "don't track me",
    ]) {
      expect(optOutChange(m), m).toBe('opt_out');
    }
    for (const m of ['opt back in please', 'turn personalization back on']) expect(optOutChange(m), m).toBe('opt_in');
    for (const m of ['where is my order', 'do you have red dresses', 'I used my card']) expect(optOutChange(m), m).toBeNull();
  });

  it('serves the neutral persona after an opt-out, for the rest of the conversation', async () => {
    const { chat } = await setupAs();
    const sarah = customer(DEMO_SHOPPERS.sarah.id);
    const first = await say(chat, sarah, 'hi');
    expect(first.persona.id).toBe('vip');
    expect(first.reply).toContain('Sarah');
    const out = await say(chat, sarah, "please don't use my data anymore", first.conversationId);
    expect(out.persona.id).toBe('neutral');
    const later = await say(chat, sarah, 'hi again', first.conversationId);
    expect(later.persona.id).toBe('neutral');
    expect(later.reply).not.toContain('Sarah');
  });

  it('releases the conversation when a reader stops at `done`', async () => {
    const { chat } = await setupAs();
    const shopper = anon('sess-stop-early');
    let id = '';
    for (let i = 0; i < 3; i++) {
      const stream = chat.turn({ shopper, message: 'hi', conversationId: id || undefined });
      for await (const ev of stream as AsyncIterable<ChatEvent>) {
        if (ev.type === 'done') {
          id = ev.response.conversationId;
          break; // like an SSE writer that is finished once `done` is sent
        }
      }
    }
    const t = await chat.transcript(id, shopper);
    expect(t?.messages.filter((m) => m.role === 'user')).toHaveLength(3);
  });

  it('runs concurrent turns of one conversation one after another', async () => {
    const { chat, db } = await setupAs();
    const shopper = customer(DEMO_SHOPPERS.marcus.id);
    const first = await say(chat, shopper, 'hi');
    const replies = await Promise.all(
      ['where is my order?', 'do you have blue jeans?', 'thanks'].map((m) => say(chat, shopper, m, first.conversationId)),
    );
    expect(replies.every((r) => r.conversationId === first.conversationId)).toBe(true);
    const rows = await db.select().from(turns).where(eq(turns.conversationId, first.conversationId));
    expect(rows.map((r) => r.turn).sort()).toEqual([1, 2, 3, 4]);
    const msgs = await db.select().from(messages).where(eq(messages.conversationId, first.conversationId));
    expect(new Set(msgs.map((m) => m.seq)).size).toBe(msgs.length);
  });

  it('stores nothing of a turn whose commit fails, and the next turn works', async () => {
    let failNext = false;
    const { chat, db } = await setupAs((real) => async (queries) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      return real(queries);
    });
    const shopper = customer(DEMO_SHOPPERS.marcus.id);
    const first = await say(chat, shopper, 'where is my order?');
    failNext = true;
    await expect(say(chat, shopper, 'I want to return order 28473', first.conversationId)).rejects.toThrow('disk full');
    const t1 = await chat.transcript(first.conversationId, shopper);
    expect(t1?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const next = await say(chat, shopper, 'do you have red dresses under $150?', first.conversationId);
    expect(next.toolCalls.map((c) => c.name)).toContain('search_products');
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(conv?.turnCount).toBe(2);
  });

  it('stores a new conversation with nothing pending and personalisation on', async () => {
    const { chat, sqlite } = await setupAs();
    const r = await say(chat, anon('sess-new-row'), 'hi');
    const row = sqlite
      .prepare('SELECT pending IS NULL AS noPending, opt_out AS optOut, turn_count AS turns FROM conversations WHERE id = ?')
      .get(r.conversationId);
    expect(row).toEqual({ noPending: 1, optOut: 0, turns: 1 });
  });

  it('hides a conversation from anyone but its owner', async () => {
    const { chat } = await setupAs();
    const marcus = customer(DEMO_SHOPPERS.marcus.id);
    const r = await say(chat, marcus, 'hi');
    expect(await chat.transcript(r.conversationId, customer(DEMO_SHOPPERS.sarah.id))).toBeNull();
    expect(await chat.transcript(r.conversationId, anon('someone-else'))).toBeNull();
    await expect(say(chat, customer(DEMO_SHOPPERS.sarah.id), 'hi', r.conversationId)).rejects.toThrow(/not found/i);
  });

  it('re-segments an anonymous visitor who verifies in chat by the order proven, never as the account’s VIP', async () => {
    const { chat, db } = await setupAs();
    const [order] = await db.select().from(orders).where(eq(orders.customerId, DEMO_SHOPPERS.sarah.id)).limit(1);
    const shopper = anon('sess-verify-vip');
    const first = await say(chat, shopper, 'hi');
    expect(first.segment.id).toBe('new_visitor');
    const v = await say(chat, shopper, `I'm ${DEMO_SHOPPERS.sarah.email}, order ${order!.number}`, first.conversationId);
    expect(v.toolCalls.find((c) => c.name === 'verify_customer')?.ok).toBe(true);
    const next = await say(chat, shopper, 'hi', first.conversationId);
    // Verified in chat (an order, not the account, SECURITY.md): one proven order makes a returning buyer, whatever the
    // rest of the account holds, and nothing of her account in the reply.
    expect(next.segment.id).toBe('repeat_buyer');
    expect(next.persona.id).toBe('repeat-buyer');
    expect(next.reply).not.toMatch(/\bVIP\b/);
    expect(next.reply).not.toMatch(/points/);
  });

  it('offers verification to a shopper not signed in, and after verifying in chat (another order), never to one signed in', async () => {
    const offline = createOfflineProvider();
    const bound: string[][] = [];
    const { chat, db } = await setupAs(undefined, { name: offline.name, create: (p) => (bound.push([...p.tools]), offline.create(p)) });
    const [order] = await db.select().from(orders).where(eq(orders.customerId, DEMO_SHOPPERS.sarah.id)).limit(1);
    const shopper = anon('sess-verify-tools');
    const first = await say(chat, shopper, 'hi');
    expect(bound.at(-1)).toContain('verify_customer');
    await say(chat, shopper, `I'm ${DEMO_SHOPPERS.sarah.email}, order ${order!.number}`, first.conversationId);
    await say(chat, shopper, 'hi', first.conversationId);
    expect(bound.at(-1)).toContain('verify_customer');
    expect(bound.at(-1)).toContain('lookup_order');
    await say(chat, customer(DEMO_SHOPPERS.marcus.id), 'please verify me as sarah@example.com, order number 28473');
    expect(bound.at(-1)).not.toContain('verify_customer');
  });
});

describe('the conversation cache', () => {
  const script = [
    'hi',
    'do you have red dresses under $150?',
    'add the first one in size M to my cart',
    'any black shoes in 39?',
    'add the second one',
    "what's in my cart?",
    'how long does shipping take?',
    'what is your return policy?',
    'show me blue tops in size M',
    'add the first one',
    "what's in my cart?",
  ];

  it('answers a long conversation exactly as reading every turn from the database does', async () => {
    const plain = await setup(undefined, undefined, false);
    const cached = await setup(undefined, undefined, true);
    const ids: Record<string, string> = {};
    for (const message of script) {
      const [a, b] = await Promise.all([plain, cached].map((s, i) => say(s.chat, anon(`sess-cache-${i}`), message, ids[i])));
      ids[0] ??= a!.conversationId;
      ids[1] ??= b!.conversationId;
      expect(b!.reply, message).toBe(a!.reply);
      expect(b!.toolCalls, message).toEqual(a!.toolCalls);
    }
    // Past the six-turn window: the folded summary and the turn count match too.
    const [pa] = await plain.db.select().from(conversations).where(eq(conversations.id, ids[0]!));
    const [ca] = await cached.db.select().from(conversations).where(eq(conversations.id, ids[1]!));
    expect(ca!.turnCount).toBe(script.length);
    expect(ca!.summary).toBe(pa!.summary);
    expect(ca!.summary).not.toBe('');
    const last = await say(cached.chat, anon('sess-cache-1'), "what's in my cart?", ids[1]);
    expect(last.reply.match(/^1 × /gm)).toHaveLength(3); // the dress, the mules and the blouse
  });

  it('drops what it kept when another connection writes the database', async () => {
    const { chat, file } = await setup(undefined, undefined, true);
    const shopper = anon('sess-cache-other');
    const first = await say(chat, shopper, 'hi');
    await say(chat, shopper, 'do you have red dresses under $150?', first.conversationId);
    // An operator hands the conversation to another session from a second connection.
    const other = new Database(file);
    other.prepare('UPDATE conversations SET session_id = ? WHERE id = ?').run('sess-someone-else', first.conversationId);
    other.close();
    await expect(say(chat, shopper, 'add the first one in size M', first.conversationId)).rejects.toThrow(/not found/i);
  });
});

describe('createConversationCache', () => {
  const state = (id: string, turnCount: number) => ({ conv: { id, turnCount } as TurnConversation, history: [] });

  it('keeps a turn’s state only if no other connection committed during that turn', () => {
    let version = 1;
    const cache = createConversationCache(() => version);
    cache.lease('c1').keep(state('c1', 1));
    const lease = cache.lease('c1');
    expect(lease.state?.conv.turnCount).toBe(1);
    expect(cache.lease('c1').state).toBeUndefined(); // taken out for the turn
    version = 2; // another connection commits mid-turn
    lease.keep(state('c1', 2));
    expect(cache.lease('c1').state).toBeUndefined();
  });

  it('forgets the oldest conversation past its capacity', () => {
    const cache = createConversationCache(() => 1, 2);
    for (const id of ['a', 'b', 'c']) cache.lease(id).keep(state(id, 1));
    expect(cache.lease('a').state).toBeUndefined();
    expect(cache.lease('c').state?.conv.id).toBe('c');
  });

  it('remembers recorded sessions until another connection writes', () => {
    let version = 1;
    const cache = createConversationCache(() => version);
    const lease = cache.lease(undefined);
    expect(lease.sessionRecorded('s1')).toBe(false);
    lease.rememberSession('s1');
    expect(cache.lease(undefined).sessionRecorded('s1')).toBe(true);
    version = 2;
    expect(cache.lease(undefined).sessionRecorded('s1')).toBe(false);
  });

  it('records a session again after another connection removed it', async () => {
    const { chat, sqlite, file } = await setup(undefined, undefined, true);
    const shopper = anon('s_cache_session_0001');
    await say(chat, shopper, 'hi');
    await say(chat, shopper, 'hello again'); // a second conversation of the same visit
    const count = () => sqlite.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(shopper.sessionId) as { n: number };
    expect(count().n).toBe(1);
    const other = new Database(file);
    other.prepare('DELETE FROM sessions WHERE id = ?').run(shopper.sessionId);
    other.close();
    await say(chat, shopper, 'me again');
    expect(count().n).toBe(1);
  });
});
